import { parseCommit } from '../commits/create-commit-parser.js';
import type { ParsedCommit } from '../commits/types.js';
import type { RuleFinding } from './guardrail-types.js';

/**
 * Every non-merge commit's header is a Conventional Commit with one of the allowed types.
 * Merge commits are skipped: git or the forge wrote their messages, and the merged commits are
 * checked themselves.
 */
export function checkConventional(
  commits: readonly ParsedCommit[],
  allowedTypes: readonly string[],
): RuleFinding[] {
  const allowed = new Set(allowedTypes);
  const findings: RuleFinding[] = [];
  for (const commit of commits) {
    if (commit.merge) continue;
    const short = commit.sha.slice(0, 7);
    if (!commit.conventional || commit.changes.length === 0) {
      findings.push({
        rule: 'conventional',
        commit: commit.sha,
        message: `${short} "${commit.header}" is not a Conventional Commit (type(scope): description)`,
      });
      continue;
    }
    const refused = [...new Set(commit.changes.map((change) => change.type))].filter(
      (type) => !allowed.has(type),
    );
    if (refused.length > 0) {
      findings.push({
        rule: 'conventional',
        commit: commit.sha,
        message: `${short} "${commit.header}" uses type ${refused.map((type) => `"${type}"`).join(', ')}; allowed: ${[...allowed].join(', ')}`,
      });
    }
  }
  return findings;
}

/**
 * A pull request's title: a squash merge makes it the commit's header on main, so it must be a
 * Conventional Commit too.
 */
export function checkPullRequestTitle(
  title: string,
  allowedTypes: readonly string[],
): RuleFinding[] {
  const parsed = parseCommit({
    sha: '',
    parents: [],
    authorName: '',
    authorEmail: '',
    authorTime: 0,
    committerTime: 0,
    message: title,
  });
  return checkConventional([parsed], allowedTypes).map((finding) => ({
    rule: finding.rule,
    message: finding.message.replace(/^ "/, 'pull request title "'),
  }));
}
