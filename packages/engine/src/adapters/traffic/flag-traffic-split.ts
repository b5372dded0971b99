import type { FlagDefinition } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import { planRollout, readRolloutSplit } from '../../features/flags/plan-rollout.js';

/** A flag's fractional split seen as traffic: who gets the stable and who the canary variant. */
export interface FlagTrafficSplit {
  readonly stableVariant: string;
  readonly canaryVariant: string;
  /** Share of evaluations (0–100) that get the canary variant. */
  readonly percent: number;
}

/**
 * The flag after moving its split to `split.percent`, by the flags feature's own rollout plan
 * (sticky buckets, the new variant first). Nothing changes where nothing needs to: a flag that
 * serves the stable variant to everyone is already at 0%, one that serves the canary at 100%.
 */
export function planTrafficSplit(
  key: string,
  definition: FlagDefinition,
  split: FlagTrafficSplit,
): FlagDefinition {
  for (const field of ['stableVariant', 'canaryVariant'] as const) {
    if (!Object.hasOwn(definition.variants, split[field])) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `trafficRouter.${field} ${split[field]}: flag ${key} has no such variant`,
        {
          subject: `trafficRouter.${field}`,
          hint: `one of ${Object.keys(definition.variants).join(', ')}`,
        },
      );
    }
  }
  if (split.stableVariant === split.canaryVariant) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `trafficRouter.canaryVariant ${split.canaryVariant}: must differ from the stable variant`,
      { subject: 'trafficRouter.canaryVariant' },
    );
  }
  const current = splitWeight(definition, split);
  if (current === split.percent && readRolloutSplit(definition.targeting) === undefined) {
    return definition;
  }
  const under = readRolloutSplit(definition.targeting);
  if (
    under !== undefined &&
    (under.newVariant !== split.canaryVariant || under.oldVariant !== split.stableVariant)
  ) {
    throw new SlipwayError(
      'REFUSED',
      `flag ${key} splits ${under.newVariant}/${under.oldVariant}, not ${split.canaryVariant}/${split.stableVariant}`,
      { subject: key, hint: 'finish or reset that flag rollout first (flags set --targeting)' },
    );
  }
  if (under === undefined && definition.defaultVariant !== split.stableVariant) {
    throw new SlipwayError(
      'REFUSED',
      `flag ${key} serves ${String(definition.defaultVariant)} by default, not the stable variant ${split.stableVariant}`,
      { subject: key, hint: 'a traffic split starts from a flag that serves the stable variant' },
    );
  }
  return planRollout(key, definition, { percent: split.percent, variant: split.canaryVariant });
}

/** The canary share a flag applies now, or null when its targeting is not this split. */
export function splitWeight(
  definition: FlagDefinition,
  variants: Omit<FlagTrafficSplit, 'percent'>,
): number | null {
  const split = readRolloutSplit(definition.targeting);
  if (split !== undefined) {
    const ours =
      split.newVariant === variants.canaryVariant && split.oldVariant === variants.stableVariant;
    return ours ? split.weight / 100 : null;
  }
  if (definition.targeting !== undefined && definition.targeting !== null) return null;
  if (definition.defaultVariant === variants.stableVariant) return 0;
  if (definition.defaultVariant === variants.canaryVariant) return 100;
  return null;
}
