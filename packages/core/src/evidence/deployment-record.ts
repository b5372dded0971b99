/** Slipway's deployment record: where an artifact went, when, by whom, and how to undo it. */
export const deploymentRecordPredicateType =
  'https://slipway.dev/attestations/deployment-record/v1';

export interface DeploymentRecordPredicate {
  readonly service: string;
  readonly version: string;
  readonly environment: string;
  readonly action: string;
  /** For promotions: the environment the same digests came from. */
  readonly sourceEnvironment: string | null;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly strategy: string;
  /** Rollout status as recorded (`succeeded`, `failed`, `rolled_back`…). */
  readonly status: string;
  /** The previous known-good version and digests; null for an environment's first deployment. */
  readonly rollbackTarget: { readonly version: string; readonly digests: readonly string[] } | null;
  readonly rollbackCommand: string | null;
}

/** The fields of a recorded deployment the predicate carries (structurally, Slipway's Deployment). */
export interface DeploymentFacts {
  readonly service: string;
  readonly version: string;
  readonly environment: string;
  readonly action: string;
  readonly sourceEnvironment: string | null;
  readonly actor: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly strategy: string;
  readonly status: string;
  readonly rollbackTarget: { readonly version: string; readonly digests: readonly string[] } | null;
  readonly rollbackCommand: string | null;
}

export function deploymentRecordPredicate(facts: DeploymentFacts): DeploymentRecordPredicate {
  return {
    service: facts.service,
    version: facts.version,
    environment: facts.environment,
    action: facts.action,
    sourceEnvironment: facts.sourceEnvironment,
    actor: facts.actor,
    startedAt: facts.createdAt,
    finishedAt: facts.finishedAt,
    strategy: facts.strategy,
    status: facts.status,
    rollbackTarget:
      facts.rollbackTarget === null
        ? null
        : {
            version: facts.rollbackTarget.version,
            digests: [...facts.rollbackTarget.digests].sort(),
          },
    rollbackCommand: facts.rollbackCommand,
  };
}
