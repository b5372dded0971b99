import { SlipwayError } from '../../errors/slipway-error.js';
import type { RolloutSpec } from '../rollout-spec.js';
import { argName, parseStrategy } from './parse-strategy.js';
import type { FoundRef } from './parse-strategy.js';
import { parseTrafficRouter } from './parse-traffic-router.js';
import { builtInRolloutArgs, checkAnalysisRefs, parseTemplates } from './parse-templates.js';
import { SpecReader } from './spec-reader.js';
import type { Mutable } from './spec-reader.js';

const root = 'rollout';

/**
 * Validates parsed JSON or TOML (a service's `rollout` table) into a RolloutSpec. Durations
 * (`pause.seconds`, `intervalSeconds`, `…Seconds`) take seconds or strings like `"30s"`,
 * `"5m"`, `"1h"` and come out as seconds.
 *
 * Every problem is found in one pass and thrown together as one SlipwayError (CONFIG_INVALID),
 * one line each, naming `source` and the field:
 * `slipway.toml: rollout.strategy.steps[2].setWeight: 120 is not a weight 0–100`.
 * Besides types and ranges it checks what only the whole spec shows: analysis references name
 * existing templates and every argument a template needs has a value; conditions parse.
 */
export function parseRolloutSpec(input: unknown, source: string): RolloutSpec {
  const reader = new SpecReader();
  const spec = readSpec(reader, input);
  const [first] = reader.problems;
  if (first !== undefined || spec === undefined) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      reader.problems.map((problem) => `${source}: ${problem}`).join('\n'),
      { subject: first?.split(': ')[0] ?? root },
    );
  }
  return spec;
}

function readSpec(reader: SpecReader, input: unknown): RolloutSpec | undefined {
  const table = reader.table(input, [root], ['strategy', 'trafficRouter', 'templates', 'args']);
  if (table === undefined) return undefined;
  const refs: FoundRef[] = [];
  const strategy =
    table['strategy'] === undefined
      ? reader.report([root, 'strategy'], 'missing, expected a table with a kind')
      : parseStrategy(reader, table['strategy'], [root, 'strategy'], refs);
  const spec: Partial<Mutable<RolloutSpec>> = {};
  if (table['trafficRouter'] !== undefined) {
    const router = parseTrafficRouter(reader, table['trafficRouter'], [root, 'trafficRouter']);
    if (router !== undefined) spec.trafficRouter = router;
  }
  const args = reader.stringRecord(table['args'], [root, 'args'], argName);
  for (const name of Object.keys(args ?? {})) {
    if ((builtInRolloutArgs as readonly string[]).includes(name)) {
      reader.report([root, 'args', name], 'is a built-in argument, filled from the rollout');
    }
  }
  if (args !== undefined) spec.args = args;
  const problemsBefore = reader.problems.length;
  const templates =
    table['templates'] === undefined
      ? []
      : parseTemplates(reader, table['templates'], [root, 'templates']);
  if (templates !== undefined && table['templates'] !== undefined) spec.templates = templates;
  // Unreadable templates would only add noise about references to them.
  if (templates !== undefined && reader.problems.length === problemsBefore) {
    checkAnalysisRefs(reader, refs, templates, args ?? {});
  }
  if (strategy === undefined) return undefined;
  return { strategy, ...spec };
}
