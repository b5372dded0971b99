import type { FlagDefinition, FlagVersion, JsonValue } from '../api/api-types.js';

/** The server's rollouts split a constant total of 10,000 (basis points), new variant first. */
const totalWeight = 10_000;

export interface RolloutSplit {
  readonly newVariant: string;
  readonly oldVariant: string;
  /** Share of users on the new variant, 0–100 (two decimals at most). */
  readonly percent: number;
}

/**
 * The rollout under way in a flag's targeting (`{"fractional": [[new, w], [old, 10000 − w]]}`,
 * as the flags rollout API writes it), or null when the targeting is anything else.
 */
export function rolloutSplitOf(targeting: JsonValue | undefined): RolloutSplit | null {
  if (targeting === null || typeof targeting !== 'object' || Array.isArray(targeting)) return null;
  const keys = Object.keys(targeting);
  const buckets = (targeting as Record<string, JsonValue>)['fractional'];
  if (keys.length !== 1 || !Array.isArray(buckets) || buckets.length !== 2) return null;
  const [first, second] = (buckets as readonly JsonValue[]).map(bucketOf);
  if (first === null || second === null || first === undefined || second === undefined) {
    return null;
  }
  if (first.weight + second.weight !== totalWeight) return null;
  return {
    newVariant: first.variant,
    oldVariant: second.variant,
    percent: first.weight / (totalWeight / 100),
  };
}

function bucketOf(entry: JsonValue): { variant: string; weight: number } | null {
  if (!Array.isArray(entry) || entry.length !== 2) return null;
  const [variant, weight] = entry as readonly JsonValue[];
  return typeof variant === 'string' && typeof weight === 'number' ? { variant, weight } : null;
}

/** How a flag stands for the page: which controls make sense. */
export type RolloutState =
  | { readonly kind: 'split'; readonly split: RolloutSplit }
  /** No targeting: a rollout may start, towards one of these variants. */
  | { readonly kind: 'startable'; readonly candidates: readonly string[] }
  /** Targeting of another kind: a rollout would overwrite it, so the API refuses. */
  | { readonly kind: 'custom' };

export function rolloutStateOf(definition: FlagDefinition): RolloutState {
  const split = rolloutSplitOf(definition.targeting);
  if (split !== null) return { kind: 'split', split };
  if (definition.targeting !== undefined && definition.targeting !== null)
    return { kind: 'custom' };
  const candidates = Object.keys(definition.variants).filter(
    (variant) => variant !== definition.defaultVariant,
  );
  return { kind: 'startable', candidates };
}

export interface FieldChange {
  readonly field: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
}

const fields = ['state', 'variants', 'defaultVariant', 'targeting', 'metadata'] as const;

/** The top-level fields that differ; absent fields read as null. */
export function definitionChanges(
  before: FlagDefinition | null,
  after: FlagDefinition,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const old = valueOf(before?.[field]);
    const now = valueOf(after[field]);
    if (stableJson(old) !== stableJson(now)) changes.push({ field, before: old, after: now });
  }
  return changes;
}

/** Newest first, each version with what it changed from the one before it. */
export function historyWithChanges(
  versions: readonly FlagVersion[],
): { readonly version: FlagVersion; readonly changes: FieldChange[] }[] {
  const oldestFirst = [...versions].sort((a, b) => a.version - b.version);
  return oldestFirst
    .map((version, index) => ({
      version,
      changes: definitionChanges(oldestFirst[index - 1]?.definition ?? null, version.definition),
    }))
    .reverse();
}

function valueOf(value: unknown): JsonValue {
  return value === undefined ? null : (value as JsonValue);
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function stableJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${(value as readonly JsonValue[]).map((item) => stableJson(item)).join(',')}]`;
  }
  const record = value as Record<string, JsonValue>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(record[key] ?? null)}`).join(',')}}`;
}
