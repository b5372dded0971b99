import type { FlagDefinition, JsonValue } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { RolloutRequest } from './flag-record.js';

/**
 * Weights are basis points of one constant total. flagd's bucket is `(hash × total) >> 32`, so
 * with the total fixed every user keeps their bucket; the new variant comes first and owns
 * buckets [0, weight), so raising its weight only adds users to it (a rollout is sticky).
 */
export const rolloutTotalWeight = 10_000;

/** A rollout in progress: `{"fractional": [[new, w], [old, total - w]]}`, nothing else. */
export interface RolloutSplit {
  readonly newVariant: string;
  readonly oldVariant: string;
  readonly weight: number;
}

export function readRolloutSplit(targeting: JsonValue | undefined): RolloutSplit | undefined {
  if (targeting === null || typeof targeting !== 'object' || Array.isArray(targeting)) {
    return undefined;
  }
  const entries = Object.entries(targeting);
  if (entries.length !== 1 || entries[0]?.[0] !== 'fractional') return undefined;
  const buckets = entries[0][1];
  if (!Array.isArray(buckets) || buckets.length !== 2) return undefined;
  const [first, second] = buckets as JsonValue[];
  const pair = (entry: JsonValue | undefined): [string, number] | undefined =>
    Array.isArray(entry) &&
    entry.length === 2 &&
    typeof entry[0] === 'string' &&
    typeof entry[1] === 'number'
      ? [entry[0], entry[1]]
      : undefined;
  const a = pair(first);
  const b = pair(second);
  if (a === undefined || b === undefined || a[1] + b[1] !== rolloutTotalWeight) return undefined;
  return { newVariant: a[0], oldVariant: b[0], weight: a[1] };
}

export function rolloutTargeting(split: RolloutSplit): JsonValue {
  return {
    fractional: [
      [split.newVariant, split.weight],
      [split.oldVariant, rolloutTotalWeight - split.weight],
    ],
  };
}

/** `25`, `25%`, `0.5%` → 25, 25, 0.5; anything else (or outside 0–100) is refused. */
export function parsePercent(text: string): number {
  const match = /^\s*(\d+(?:\.\d{1,2})?)\s*%?\s*$/.exec(text);
  const value = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new SlipwayError('USAGE', `--to ${text}: a percentage from 0 to 100 is needed`, {
      subject: 'to',
      hint: 'e.g. --to 25% (two decimals at most)',
    });
  }
  return value;
}

/**
 * The definition after moving the split to `request.percent`. The first step needs the new
 * variant and a flag without targeting (its default variant is the old one); later steps keep
 * the variants of the split under way. Refused (nothing changes) when the flag cannot ramp.
 */
export function planRollout(
  key: string,
  definition: FlagDefinition,
  request: RolloutRequest,
): FlagDefinition {
  const weight = Math.round(request.percent * (rolloutTotalWeight / 100));
  if (!Number.isFinite(request.percent) || request.percent < 0 || request.percent > 100) {
    throw new SlipwayError('USAGE', `percent ${request.percent}: must be from 0 to 100`, {
      subject: 'percent',
    });
  }
  const current = readRolloutSplit(definition.targeting);
  if (current !== undefined) {
    if (request.variant !== undefined && request.variant !== current.newVariant) {
      throw new SlipwayError(
        'REFUSED',
        `flag ${key} is rolling out variant ${current.newVariant}, not ${request.variant}`,
        { subject: 'variant', hint: 'finish or reset that rollout first (flags set --targeting)' },
      );
    }
    return { ...definition, targeting: rolloutTargeting({ ...current, weight }) };
  }
  if (definition.targeting !== undefined && definition.targeting !== null) {
    throw new SlipwayError(
      'REFUSED',
      `flag ${key} has a targeting rule that is not a rollout split; a rollout would replace it`,
      { subject: 'targeting', hint: 'remove the rule first, or edit the split with flags set' },
    );
  }
  const oldVariant = definition.defaultVariant;
  if (oldVariant === undefined || oldVariant === null) {
    throw new SlipwayError('REFUSED', `flag ${key} has no default variant to roll out from`, {
      subject: 'defaultVariant',
    });
  }
  const newVariant = request.variant;
  if (newVariant === undefined) {
    throw new SlipwayError('USAGE', `flag ${key}: name the variant to roll out (--variant)`, {
      subject: 'variant',
      hint: `one of ${Object.keys(definition.variants).join(', ')}`,
    });
  }
  if (!Object.hasOwn(definition.variants, newVariant) || newVariant === oldVariant) {
    throw new SlipwayError(
      'USAGE',
      `flag ${key}: variant ${newVariant} is not another variant of the flag`,
      { subject: 'variant', hint: `one of ${Object.keys(definition.variants).join(', ')}` },
    );
  }
  return { ...definition, targeting: rolloutTargeting({ newVariant, oldVariant, weight }) };
}
