import type { RuleFinding } from './guardrail-types.js';
import { pathGlob } from './path-glob.js';

/** When a file matching `when` changes, a file matching each of `require` must change too. */
export interface TogetherRule {
  readonly name: string;
  readonly when: readonly string[];
  readonly require: readonly string[];
}

/** Checks the files the whole range changed (a pull request is reviewed as one change). */
export function checkTogether(
  changedFiles: readonly string[],
  rules: readonly TogetherRule[],
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    const when = rule.when.map(pathGlob);
    const trigger = changedFiles.find((file) => when.some((glob) => glob.test(file)));
    if (trigger === undefined) continue;
    for (const required of rule.require) {
      const glob = pathGlob(required);
      if (changedFiles.some((file) => glob.test(file))) continue;
      findings.push({
        rule: 'together',
        file: trigger,
        message: `${trigger} changed but nothing matching "${required}" did (rule "${rule.name}")`,
      });
    }
  }
  return findings;
}
