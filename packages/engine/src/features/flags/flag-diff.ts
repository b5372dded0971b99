import type { FlagDefinition, JsonValue } from '@slipway/core';
import { canonicalJson } from '@slipway/core';

const fields = ['state', 'variants', 'defaultVariant', 'targeting', 'metadata'] as const;

/** `{ field: { before, after } }` for each top-level field that changed; null when absent. */
export type FlagDiff = Record<string, { before: JsonValue; after: JsonValue }>;

export function diffFlag(before: FlagDefinition | undefined, after: FlagDefinition): FlagDiff {
  const diff: FlagDiff = {};
  for (const field of fields) {
    const old = jsonOf(before?.[field]);
    const now = jsonOf(after[field]);
    if (canonicalJson(old) !== canonicalJson(now)) diff[field] = { before: old, after: now };
  }
  return diff;
}

function jsonOf(value: unknown): JsonValue {
  return value === undefined ? null : (value as JsonValue);
}
