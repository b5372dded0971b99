import type { Transaction } from 'kysely';
import type { RolloutSpec } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { Service } from '../catalog/service-record.js';
import type { Deployment } from './deployment-record.js';

/**
 * Progressive delivery, as the deployment service sees it (the rollout service implements it):
 * a deployment whose environment declares a canary or blue-green rollout stays in progress
 * after its deployer ran, and a rollout carries it out and settles it.
 */
export interface RolloutHandoff {
  /** The spec the deployment rolls out with; null: all at once (today's path). */
  specFor(service: Service, environment: string, requested?: string): RolloutSpec | null;
  /** Creates the rollout inside the deployment's transaction (undefined with the fakes). */
  begin(
    trx: Transaction<Database> | undefined,
    deployment: Deployment,
    spec: RolloutSpec,
    actor: string,
  ): Promise<unknown>;
  /** The rollout that carries a deployment out, if one does (it settles the deployment). */
  rolloutOfDeployment(deploymentId: string): Promise<{ readonly id: string } | undefined>;
}

/** Strategies whose deployments a rollout owns: never "abandoned" by the deployer's timeout. */
export const progressiveStrategies: readonly string[] = ['canary', 'blue-green'];

/** Deployers that run the rollout themselves (Argo Rollouts in the cluster): no Slipway rollout. */
export const selfRollingDeployers: readonly string[] = ['argo-rollouts'];
