import type { RolloutSpec } from '@slipway/core';
import { SlipwayError, parseRolloutSpec } from '@slipway/core';

/** A service's rollout specs: one for every environment, and overrides per environment. */
export interface ServiceRollouts {
  readonly default?: RolloutSpec;
  readonly environments?: Readonly<Record<string, RolloutSpec>>;
}

/**
 * Validates a service's `rollout` field (parsed JSON): every spec whole, by parseRolloutSpec;
 * a problem is a SlipwayError naming the field (`rollout.environments.prod: …`).
 */
export function parseServiceRollouts(input: unknown): ServiceRollouts {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw usage('rollout', 'must be an object with default and/or environments');
  }
  const unknown = Object.keys(input).filter((key) => key !== 'default' && key !== 'environments');
  if (unknown.length > 0) {
    throw usage(`rollout.${unknown[0] ?? ''}`, 'unknown field; use default or environments');
  }
  const record = input as { default?: unknown; environments?: unknown };
  const parsed: { default?: RolloutSpec; environments?: Record<string, RolloutSpec> } = {};
  if (record.default !== undefined) {
    parsed.default = parseRolloutSpec(record.default, 'rollout.default');
  }
  if (record.environments !== undefined) {
    const environments = record.environments;
    if (typeof environments !== 'object' || environments === null || Array.isArray(environments)) {
      throw usage('rollout.environments', 'must be an object of environment → rollout spec');
    }
    parsed.environments = Object.fromEntries(
      Object.entries(environments).map(([name, spec]) => [
        name,
        parseRolloutSpec(spec, `rollout.environments.${name}`),
      ]),
    );
  }
  return parsed;
}

/**
 * The spec for one deployment: the environment's own, else the default; a requested strategy
 * must match it (`all-at-once` always can: it bypasses the spec). Null means all at once.
 */
export function rolloutSpecFor(
  rollouts: ServiceRollouts | null,
  environment: string,
  requested?: string,
): RolloutSpec | null {
  const spec = rollouts?.environments?.[environment] ?? rollouts?.default ?? null;
  if (requested === 'all-at-once') return null;
  if (requested !== undefined && spec?.strategy.kind !== requested) {
    throw new SlipwayError(
      'USAGE',
      `strategy ${requested}: the service declares ${spec === null ? 'no rollout spec' : `a ${spec.strategy.kind} rollout`} for ${environment}`,
      { subject: 'strategy' },
    );
  }
  return spec === null || spec.strategy.kind === 'all-at-once' ? null : spec;
}

function usage(field: string, message: string): SlipwayError {
  return new SlipwayError('USAGE', `invalid service ${field}: ${message}`, { subject: field });
}
