import { compileTargeting } from './compile-targeting.js';
import type { CompiledRule, TargetingCompiler } from './compiled-rule.js';
import type { FlagFileIssue, FlagMetadata, FlagValue, JsonValue } from './flag-types.js';
import { resolveRefs } from './resolve-refs.js';

/** One flag, ready to evaluate: targeting compiled, metadata merged with the flag set's. */
export interface CompiledFlag {
  readonly key: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly variants: Readonly<Record<string, FlagValue>>;
  readonly defaultVariant: string | null;
  readonly targeting: CompiledRule | null;
  /** Why the flag cannot be evaluated (every evaluation returns PARSE_ERROR), or null. */
  readonly parseError: string | null;
  readonly metadata: FlagMetadata;
}

export interface CompiledFlagSet {
  readonly flags: ReadonlyMap<string, CompiledFlag>;
  readonly metadata: FlagMetadata;
}

export interface CompileFlagSetOptions {
  /** `$flagd.timestamp` source, in Unix seconds; the clock by default. */
  readonly nowSeconds?: () => number;
  /** Another rule engine behind the same evaluator (the benchmark compares one). */
  readonly compileTargeting?: TargetingCompiler;
}

export interface CompileFlagSetResult {
  readonly flagSet: CompiledFlagSet;
  /** Problems found; a flag with one is kept and evaluates to PARSE_ERROR. */
  readonly issues: readonly FlagFileIssue[];
}

const clockSeconds = (): number => Math.floor(Date.now() / 1000);

type JsonObject = Record<string, JsonValue>;
const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads a flagd flag file (JSON text or parsed) into flags ready to evaluate. It never throws:
 * a file that is not a flag file gives an empty set with issues, a broken flag an issue and a
 * flag that answers PARSE_ERROR. Schema validation is `validateFlagFile`; this checks only what
 * evaluation relies on, so loading stays cheap.
 */
export function compileFlagSet(
  source: unknown,
  options: CompileFlagSetOptions = {},
): CompileFlagSetResult {
  const issues: FlagFileIssue[] = [];
  let file: unknown = source;
  if (typeof source === 'string') {
    try {
      file = JSON.parse(source) as unknown;
    } catch (error) {
      issues.push({ flag: null, field: '', message: `not JSON: ${(error as Error).message}` });
      return { flagSet: { flags: new Map(), metadata: {} }, issues };
    }
  }
  if (!isObject(file) || (!isObject(file['flags']) && !Array.isArray(file['flags']))) {
    issues.push({ flag: null, field: 'flags', message: 'a flag file needs a "flags" object' });
    return { flagSet: { flags: new Map(), metadata: {} }, issues };
  }
  const setMetadata = isObject(file['metadata']) ? (file['metadata'] as FlagMetadata) : {};
  const evaluators = isObject(file['$evaluators']) ? file['$evaluators'] : {};
  const compile = options.compileTargeting ?? compileTargeting;
  const nowSeconds = options.nowSeconds ?? clockSeconds;
  const flags = new Map<string, CompiledFlag>();
  for (const [key, definition] of flagEntries(file['flags'] as JsonValue)) {
    const flag = compileFlag(key, definition, setMetadata, (rule) => {
      return compile(resolveRefs(rule, evaluators), { flagKey: key, nowSeconds });
    });
    if (flag.issue !== null) issues.push(flag.issue);
    flags.set(key, flag.compiled);
  }
  return { flagSet: { flags, metadata: setMetadata }, issues };
}

/** flagd files hold a map of flags; flagd itself also takes an array with a `key` each. */
function flagEntries(flags: JsonValue): [string, JsonValue][] {
  if (!Array.isArray(flags)) return Object.entries(flags as JsonObject);
  return flags.map((flag, index) => {
    const key = isObject(flag) && typeof flag['key'] === 'string' ? flag['key'] : `#${index}`;
    return [key, flag];
  });
}

interface FlagOutcome {
  readonly compiled: CompiledFlag;
  readonly issue: FlagFileIssue | null;
}

function compileFlag(
  key: string,
  definition: JsonValue,
  setMetadata: FlagMetadata,
  compile: (rule: JsonValue) => CompiledRule,
): FlagOutcome {
  const flag = isObject(definition) ? definition : {};
  const variants = isObject(flag['variants'])
    ? (flag['variants'] as Record<string, FlagValue>)
    : {};
  const rawDefault = flag['defaultVariant'];
  const metadata = isObject(flag['metadata'])
    ? { ...setMetadata, ...(flag['metadata'] as FlagMetadata) }
    : setMetadata;
  const compiled = {
    key,
    state: flag['state'] === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    variants,
    defaultVariant: typeof rawDefault === 'string' ? rawDefault : null,
    targeting: null as CompiledRule | null,
    parseError: null as string | null,
    metadata,
  } satisfies CompiledFlag;
  const fail = (field: string, message: string): FlagOutcome => {
    compiled.parseError = `flag "${key}", field "${field}": ${message}`;
    return { compiled, issue: { flag: key, field, message } };
  };
  if (!isObject(definition)) return fail('', 'a flag must be an object');
  if (flag['state'] !== 'ENABLED' && flag['state'] !== 'DISABLED') {
    return fail('state', `must be "ENABLED" or "DISABLED", not ${JSON.stringify(flag['state'])}`);
  }
  if (!isObject(flag['variants']) || Object.keys(variants).length === 0) {
    return fail('variants', 'must be an object with at least one variant');
  }
  if (rawDefault !== undefined && rawDefault !== null && typeof rawDefault !== 'string') {
    return fail('defaultVariant', 'must be a variant name or null');
  }
  if (typeof rawDefault === 'string' && !Object.hasOwn(variants, rawDefault)) {
    return fail('defaultVariant', `"${rawDefault}" is not one of the variants`);
  }
  const targeting = flag['targeting'];
  if (isObject(targeting) && Object.keys(targeting).length > 0) {
    try {
      compiled.targeting = compile(targeting);
    } catch (error) {
      return fail('targeting', error instanceof Error ? error.message : String(error));
    }
  }
  return { compiled, issue: null };
}
