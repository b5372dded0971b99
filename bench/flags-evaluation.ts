/**
 * In-process flag evaluation throughput: Slipway's engine (compiled closures), Slipway's
 * evaluator on json-logic-engine, and @openfeature/flagd-core, on the same flags and contexts
 * in the same run. Before timing, every flag × context is resolved by all three and the
 * results (value, variant, reason, error code, metadata) must be identical, or the bench fails.
 *
 *   npx tsx bench/flags-evaluation.ts       (also a section of `npm run bench`)
 *
 * Workloads: flagd-testbed's testkit-flags.json (from ../shared/conformance, skipped with a note
 * when absent) and 1,000 generated flags, all with targeting (bench/flags/generate-flags.ts).
 * BENCH_FLAG_ROUNDS sets the timing rounds (median reported).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { EvaluationContext, FlagValue, FlagValueType } from '../packages/core/src/index.js';
import {
  createFlagdCore,
  createSlipway,
  createSlipwayWithJsonLogicEngine,
  outcome,
} from './flags/engines.js';
import type { Engine } from './flags/engines.js';
import { generateContexts, generateFlagFile } from './flags/generate-flags.js';

const testkitPath = resolve(
  fileURLToPath(
    new URL(
      '../../shared/conformance/flagd-testbed/evaluator/flags/testkit-flags.json',
      import.meta.url,
    ),
  ),
);
const rounds = Number(process.env['BENCH_FLAG_ROUNDS'] ?? 5);

interface FlagCall {
  readonly key: string;
  readonly type: FlagValueType;
  readonly fallback: FlagValue;
}

interface Workload {
  readonly name: string;
  readonly fileText: string;
  readonly calls: readonly FlagCall[];
  readonly contexts: readonly EvaluationContext[];
}

const fallbacks: Record<FlagValueType, FlagValue> = {
  boolean: false,
  string: 'fallback',
  number: -1,
  object: {},
};

/** Each flag resolved as the type of its variants, so no call is a deliberate mismatch. */
function callsFor(fileText: string): FlagCall[] {
  const file = JSON.parse(fileText) as {
    flags: Record<string, { variants: Record<string, unknown> }>;
  };
  return Object.entries(file.flags).map(([key, flag]) => {
    const sample = Object.values(flag.variants)[0];
    const type = (typeof sample === 'object' ? 'object' : typeof sample) as FlagValueType;
    return { key, type, fallback: fallbacks[type] };
  });
}

function workloads(): { list: Workload[]; notes: string[] } {
  const contexts = generateContexts(1_000);
  const list: Workload[] = [];
  const notes: string[] = [];
  if (existsSync(testkitPath)) {
    const fileText = readFileSync(testkitPath, 'utf8');
    list.push({ name: 'testkit-flags.json', fileText, calls: callsFor(fileText), contexts });
  } else {
    notes.push(
      `testkit-flags.json not measured: ${testkitPath} is missing (../shared/conformance).`,
    );
  }
  const generated = JSON.stringify(generateFlagFile(1_000));
  list.push({
    name: '1,000 generated flags',
    fileText: generated,
    calls: callsFor(generated),
    contexts,
  });
  return { list, notes };
}

/** Every call on every context through every engine; throws on the first disagreement. */
function checkIdentity(workload: Workload, engines: readonly Engine[]): number {
  const [reference, ...others] = engines as [Engine, ...Engine[]];
  let compared = 0;
  for (const context of workload.contexts) {
    for (const call of workload.calls) {
      const expected = outcome(reference.evaluate(call.key, call.type, call.fallback, context));
      for (const engine of others) {
        const actual = outcome(engine.evaluate(call.key, call.type, call.fallback, context));
        if (!isDeepStrictEqual(actual, expected)) {
          throw new Error(
            `${workload.name}: ${engine.name} and ${reference.name} disagree on ${call.key} with ${JSON.stringify(context)}:\n` +
              `${JSON.stringify(actual)}\n${JSON.stringify(expected)}`,
          );
        }
        compared++;
      }
    }
  }
  return compared;
}

/** Evaluations per second over `passes` sweeps of every call and context. */
function timeEngine(engine: Engine, workload: Workload, passes: number): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    for (const context of workload.contexts) {
      for (const call of workload.calls) {
        if (engine.evaluate(call.key, call.type, call.fallback, context).reason === 'ERROR') sink++;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) console.log(sink);
  return (passes * workload.contexts.length * workload.calls.length) / seconds;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Non-ASCII bucketing keys: how often flagd-core's hash picks another bucket than Slipway's. */
function nonAsciiDisagreements(): string {
  const fileText = JSON.stringify({
    flags: {
      split: {
        state: 'ENABLED',
        variants: { a: 'a', b: 'b', c: 'c', d: 'd' },
        defaultVariant: 'a',
        targeting: {
          fractional: [
            ['a', 25],
            ['b', 25],
            ['c', 25],
            ['d', 25],
          ],
        },
      },
    },
  });
  const ours = createSlipway(fileText);
  const theirs = createFlagdCore(fileText);
  const keys = Array.from({ length: 1_000 }, (_, index) => `usér-${index}-ユーザー`);
  const differing = keys.filter(
    (targetingKey) =>
      ours.evaluate('split', 'string', '', { targetingKey }).value !==
      theirs.evaluate('split', 'string', '', { targetingKey }).value,
  ).length;
  return `${differing} of ${keys.length}`;
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The bench section: lines of Markdown, also printed by `npm run bench`. */
export function flagsEvaluationSection(): string[] {
  const lines: string[] = [];
  const { list, notes } = workloads();
  lines.push('### Flag evaluation in process (evaluations per second, higher is better)', '');
  lines.push(...notes.map((note) => `${note}\n`));
  lines.push(
    row(['flags', 'engine', 'evaluations/s', 'ratio to flagd-core', 'identical results']),
    row(['---', '---', '---', '---', '---']),
  );
  for (const workload of list) {
    const engines = [
      createSlipway(workload.fileText),
      createSlipwayWithJsonLogicEngine(workload.fileText),
      createFlagdCore(workload.fileText),
    ];
    const compared = checkIdentity(workload, engines);
    // Warm up every engine, then size a sweep to take roughly half a second for flagd-core.
    const probe = engines.map((engine) => timeEngine(engine, workload, 1));
    const passes = Math.max(
      1,
      Math.round((0.5 * (probe[2] ?? 1)) / (workload.contexts.length * workload.calls.length)),
    );
    const samples = engines.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      engines.forEach((engine, index) =>
        samples[index]?.push(timeEngine(engine, workload, passes)),
      );
    }
    const rates = samples.map(median);
    const baseline = rates[2] ?? Number.NaN;
    engines.forEach((engine, index) => {
      const rate = rates[index] ?? Number.NaN;
      lines.push(
        row([
          `${workload.name} × ${workload.contexts.length} contexts`,
          engine.name,
          Math.round(rate).toLocaleString('en-US'),
          (rate / baseline).toFixed(2),
          index === 2 ? 'reference' : `yes (${(compared / 2).toLocaleString('en-US')} calls)`,
        ]),
      );
    });
  }
  lines.push(
    '',
    `Non-ASCII targeting keys (left out of the identity check): flagd-core picks another fractional bucket than Slipway for ${nonAsciiDisagreements()} keys; its imurmurhash hashes UTF-16 code units, flagd hashes UTF-8 bytes, as Slipway does.`,
  );
  return lines;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`node ${process.version}, ${rounds} rounds per figure (median)\n`);
  for (const line of flagsEvaluationSection()) console.log(line);
}
