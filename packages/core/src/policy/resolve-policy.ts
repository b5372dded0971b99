import { defaultPolicy } from './default-policy.js';
import type {
  EnvironmentPolicy,
  PolicyDocument,
  PolicyOverride,
  PolicyRiskTier,
} from './policy-types.js';

export interface PolicySubject {
  readonly service: string;
  readonly tier: PolicyRiskTier;
  readonly environment: string;
  readonly lifecycle: readonly string[];
}

/**
 * The tier's defaults, then every matching override from least to most specific; among equally
 * specific overrides the later one wins, as in a config file read top to bottom.
 */
export function resolvePolicy(document: PolicyDocument, subject: PolicySubject): EnvironmentPolicy {
  const matching = document.overrides
    .map((override, index) => ({ override, index }))
    .filter(({ override }) => matches(override, subject))
    .sort((a, b) => specificity(a.override) - specificity(b.override) || a.index - b.index);
  let policy = defaultPolicy(subject.tier, subject.environment, subject.lifecycle);
  for (const { override } of matching) {
    policy = { ...policy, ...definedOnly(override.rules) };
  }
  return policy;
}

function matches(override: PolicyOverride, subject: PolicySubject): boolean {
  return (
    (override.tier === undefined || override.tier === subject.tier) &&
    (override.service === undefined || override.service === subject.service) &&
    (override.environment === undefined || override.environment === subject.environment)
  );
}

function specificity(override: PolicyOverride): number {
  return (
    (override.service === undefined ? 0 : 4) +
    (override.environment === undefined ? 0 : 2) +
    (override.tier === undefined ? 0 : 1)
  );
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
