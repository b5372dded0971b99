import type { EnvironmentPolicy, PolicyRiskTier } from './policy-types.js';

/** The evidence a high-risk release carries before production. */
export const evidenceChecks: readonly string[] = ['tests', 'security-scan', 'provenance', 'sbom'];

const open: EnvironmentPolicy = {
  requiredChecks: [],
  requiredApprovals: 0,
  approverRoles: null,
  freezeWindows: [],
  deployWindows: [],
  allowedStrategies: null,
  allowSkip: null,
  autoDeploy: false,
};

/**
 * The seed's approval model. Production is the last environment of the lifecycle: `low`
 * deploys by itself once its tests pass, `standard` needs one approval there, `high` and
 * `regulated` need two and every evidence check. Earlier environments stay open so that
 * releases can be tried before anyone is asked.
 */
export function defaultPolicy(
  tier: PolicyRiskTier,
  environment: string,
  lifecycle: readonly string[],
): EnvironmentPolicy {
  const production = lifecycle.length > 0 && lifecycle[lifecycle.length - 1] === environment;
  switch (tier) {
    case 'low':
      return { ...open, requiredChecks: production ? ['tests'] : [], autoDeploy: true };
    case 'standard':
      return production ? { ...open, requiredChecks: ['tests'], requiredApprovals: 1 } : open;
    case 'high':
    case 'regulated':
      return production ? { ...open, requiredChecks: evidenceChecks, requiredApprovals: 2 } : open;
  }
}
