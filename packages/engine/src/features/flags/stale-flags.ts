import type { FlagDefinition } from '@slipway/core';
import type { StoredFlag } from './flag-record.js';
import { readRolloutSplit, rolloutTotalWeight } from './plan-rollout.js';

/** A flag that serves one variant everywhere and has not changed for the report's days. */
export interface StaleFlag {
  readonly service: string;
  readonly key: string;
  /** What each environment serves: a variant name, or null for the code default. */
  readonly serves: Readonly<Record<string, string | null>>;
  /** The last change in any environment. */
  readonly unchangedSince: string;
}

/**
 * The one variant a definition serves to everybody, or undefined when it can serve several:
 * disabled (the code default, null), no targeting (the default variant), or a rollout split at
 * 0% or 100%. Any other rule may still pick between variants, so it is never called stale.
 */
export function singleVariant(definition: FlagDefinition): string | null | undefined {
  if (definition.state === 'DISABLED') return null;
  if (definition.targeting === undefined || definition.targeting === null) {
    return definition.defaultVariant ?? null;
  }
  const split = readRolloutSplit(definition.targeting);
  if (split === undefined) return undefined;
  if (split.weight === 0) return split.oldVariant;
  if (split.weight === rolloutTotalWeight) return split.newVariant;
  return undefined;
}

/** Flags of one service that serve a single variant in every environment since `before`. */
export function staleFlags(flags: readonly StoredFlag[], before: string): StaleFlag[] {
  const byKey = new Map<string, StoredFlag[]>();
  for (const flag of flags) byKey.set(flag.key, [...(byKey.get(flag.key) ?? []), flag]);
  const stale: StaleFlag[] = [];
  for (const [key, versions] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const serves: Record<string, string | null> = {};
    let single = true;
    for (const flag of versions) {
      const variant = singleVariant(flag.definition);
      if (variant === undefined) single = false;
      else serves[flag.env] = variant;
    }
    const unchangedSince =
      versions
        .map((flag) => flag.updatedAt)
        .sort()
        .at(-1) ?? '';
    if (single && unchangedSince <= before) {
      stale.push({ service: versions[0]?.service ?? '', key, serves, unchangedSince });
    }
  }
  return stale;
}
