import type {
  AnalysisRef,
  BlueGreenStrategy,
  CanaryStep,
  RolloutStrategy,
} from '../rollout-spec.js';
import { describeValue, isTable } from './spec-reader.js';
import type { Mutable, SpecPath, SpecReader } from './spec-reader.js';
import { suggestName } from './suggest-name.js';

/** Argument names: what `{{args.name}}` can refer to. */
export const argName = {
  pattern: /^[A-Za-z0-9_-]+$/,
  what: 'an argument name (letters, digits, _ and -)',
};

/** An analysis reference found while parsing, with where it is, for the cross-checks. */
export interface FoundRef {
  readonly ref: AnalysisRef;
  readonly path: SpecPath;
}

const strategyKinds = ['all-at-once', 'canary', 'blue-green'] as const;
const keysByKind: Readonly<Record<(typeof strategyKinds)[number], readonly string[]>> = {
  'all-at-once': ['kind'],
  canary: ['kind', 'steps', 'backgroundAnalysis'],
  'blue-green': [
    'kind',
    'prePromotionAnalysis',
    'postPromotionAnalysis',
    'autoPromotionSeconds',
    'scaleDownDelaySeconds',
  ],
};
const stepKinds = ['setWeight', 'pause', 'analysis'];

/** The strategy; every analysis reference in it is added to `refs`. */
export function parseStrategy(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
  refs: FoundRef[],
): RolloutStrategy | undefined {
  if (!isTable(value)) {
    reader.report(path, `expected a table with a kind, got ${describeValue(value)}`);
    return undefined;
  }
  const kind = reader.oneOf(value['kind'], [...path, 'kind'], strategyKinds);
  if (kind === undefined) return undefined;
  const table = reader.table(value, path, keysByKind[kind]);
  if (table === undefined) return undefined;
  const ref = (key: string): AnalysisRef | undefined => {
    if (table[key] === undefined) return undefined;
    return parseAnalysisRef(reader, table[key], [...path, key], refs);
  };
  if (kind === 'all-at-once') return { kind };
  if (kind === 'canary') {
    const steps =
      table['steps'] === undefined
        ? []
        : reader.list(table['steps'], [...path, 'steps'], (step, stepPath) =>
            parseStep(reader, step, stepPath, refs),
          );
    const backgroundAnalysis = ref('backgroundAnalysis');
    if (steps === undefined) return undefined;
    return backgroundAnalysis === undefined ? { kind, steps } : { kind, steps, backgroundAnalysis };
  }
  const strategy: Mutable<BlueGreenStrategy> = { kind };
  const pre = ref('prePromotionAnalysis');
  if (pre !== undefined) strategy.prePromotionAnalysis = pre;
  const post = ref('postPromotionAnalysis');
  if (post !== undefined) strategy.postPromotionAnalysis = post;
  const auto = reader.optionalDuration(table['autoPromotionSeconds'], [
    ...path,
    'autoPromotionSeconds',
  ]);
  if (auto !== undefined) strategy.autoPromotionSeconds = auto;
  const delay = reader.optionalDuration(table['scaleDownDelaySeconds'], [
    ...path,
    'scaleDownDelaySeconds',
  ]);
  if (delay !== undefined) strategy.scaleDownDelaySeconds = delay;
  return strategy;
}

function parseStep(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
  refs: FoundRef[],
): CanaryStep | undefined {
  if (!isTable(value)) {
    reader.report(
      path,
      `expected a table with one of setWeight, pause, analysis, got ${describeValue(value)}`,
    );
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    const found = keys.length === 0 ? 'none' : keys.join(' and ');
    reader.report(path, `a step has exactly one of setWeight, pause, analysis, got ${found}`);
    return undefined;
  }
  const key = keys[0] as string;
  const inner = value[key];
  const innerPath = [...path, key];
  if (key === 'setWeight') {
    const weight = reader.integer(inner, innerPath, 0, 100, 'a weight 0–100');
    return weight === undefined ? undefined : { setWeight: weight };
  }
  if (key === 'pause') return parsePause(reader, inner, innerPath);
  if (key === 'analysis') {
    const ref = parseAnalysisRef(reader, inner, innerPath, refs);
    return ref === undefined ? undefined : { analysis: ref };
  }
  const suggestion = suggestName(key, stepKinds);
  const hint = suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
  reader.report(innerPath, `unknown step${hint}; a step is one of setWeight, pause, analysis`);
  return undefined;
}

/** `pause = {}` waits for promote; `{ seconds = 30 }`; `pause = "5m"` and `pause = 30` are short forms. */
function parsePause(reader: SpecReader, value: unknown, path: SpecPath): CanaryStep | undefined {
  if (typeof value === 'number' || typeof value === 'string') {
    const seconds = reader.optionalDuration(value, path);
    return seconds === undefined ? undefined : { pause: { seconds } };
  }
  const table = reader.table(value, path, ['seconds']);
  if (table === undefined) return undefined;
  if (table['seconds'] === undefined) return { pause: {} };
  const seconds = reader.optionalDuration(table['seconds'], [...path, 'seconds']);
  return seconds === undefined ? undefined : { pause: { seconds } };
}

function parseAnalysisRef(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
  refs: FoundRef[],
): AnalysisRef | undefined {
  const table = reader.table(value, path, ['templates', 'args']);
  if (table === undefined) return undefined;
  const templates = reader.stringList(table['templates'], [...path, 'templates']);
  const args = reader.stringRecord(table['args'], [...path, 'args'], argName);
  if (templates === undefined) return undefined;
  const ref: AnalysisRef = args === undefined ? { templates } : { templates, args };
  refs.push({ ref, path });
  return ref;
}
