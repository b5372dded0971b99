import type { RollbackPlan, RollbackTarget, RolloutSpec } from '@slipway/core';
import { checkDeploymentAllowed, planRollback } from '@slipway/core';
import type { Service } from '../catalog/service-record.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import type { RefusedRequest } from './deployment-events.js';
import type { Deployment, DeploymentAction, DeploymentCiContext } from './deployment-record.js';
import type { DeploymentUnit, EnvironmentState } from './deployment-store.js';

/** A deployment about to be made, before the environment is locked. */
export interface Intent extends RefusedRequest {
  readonly serviceRecord: Service;
  /** Null for a rollback: what it returns to is read under the lock. */
  readonly release: ReleaseRecord | null;
  readonly digests: readonly string[];
  readonly strategy: string;
  readonly awaitReport: boolean;
  /** The policy's skip rule, when a gate decided it; else the service's own flag applies. */
  readonly allowSkip?: boolean;
  /** A canary or blue-green spec: a rollout carries the deployment out after its deployer. */
  readonly rollout?: RolloutSpec | null;
  /** The CI run that asked for it (checked); its `started` event carries it. */
  readonly ci?: DeploymentCiContext | null;
  /** Auto-deploy: stop with `AlreadyDeployed` when the release is there or on its way. */
  readonly unlessThere?: boolean;
}

/** What the rules and the rollback plan make of an intent, under the lock. */
export interface Resolved {
  readonly releaseId: string;
  readonly version: string;
  readonly digests: readonly string[];
  readonly rollbackTarget: RollbackTarget | null;
  readonly rollbackPlan: RollbackPlan;
}

/** A rule said no: the transaction rolls back and the refusal is recorded on its own. */
export class Refusal extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('; '));
  }
}

/** Another deployment of the environment runs: retry after it (outside the transaction). */
export class EnvironmentBusy extends Error {
  constructor(readonly running: Deployment) {
    super(`deployment ${running.id} is in progress`);
  }
}

/**
 * The release already runs in the environment, or its deployment there is in progress: what a
 * deploy asked `unlessThere` (auto-deploy) stops with, under the lock, changing nothing. Two
 * checks recorded at once both let a release on; the second finds the first's deployment.
 */
export class AlreadyDeployed extends Error {
  constructor(readonly deploymentId: string) {
    super(`deployment ${deploymentId} already carries this release there`);
  }
}

const defaultStrategy = 'all-at-once';

export function intentFor(
  service: Service,
  action: DeploymentAction,
  environment: string,
  fields: {
    from?: string;
    ref?: string;
    release?: ReleaseRecord;
    digests?: readonly string[];
    strategy?: string | undefined;
    awaitReport?: boolean | undefined;
  },
): Intent {
  return {
    service: service.name,
    serviceRecord: service,
    environment,
    action,
    ref: fields.ref ?? null,
    sourceEnvironment: fields.from ?? null,
    release: fields.release ?? null,
    digests: fields.digests ?? [],
    strategy: fields.strategy ?? defaultStrategy,
    awaitReport: fields.awaitReport ?? false,
  };
}

export async function resolveRelease(
  unit: DeploymentUnit,
  intent: Intent,
  release: ReleaseRecord,
  current: EnvironmentState | undefined,
): Promise<Resolved> {
  const service = intent.serviceRecord;
  const target = current === undefined ? null : targetOf(current);
  const verdict = checkDeploymentAllowed({
    service: service.name,
    lifecycle: service.lifecycle,
    environment: intent.environment,
    from: intent.sourceEnvironment,
    allowSkip: intent.allowSkip ?? service.allowSkip,
    release,
    succeededIn: await unit.succeededEnvironments(service.name, release.id),
    current: target,
  });
  if (!verdict.allowed) throw new Refusal(verdict.reasons);
  const rollbackPlan = planRollback({
    service: service.name,
    environment: intent.environment,
    lifecycle: service.lifecycle,
    release: { ...release, digests: intent.digests },
    current: target,
  });
  return {
    releaseId: release.id,
    version: release.version,
    digests: intent.digests,
    rollbackTarget: target,
    rollbackPlan,
  };
}

export function targetOf(state: EnvironmentState): RollbackTarget {
  return { deploymentId: state.deploymentId, version: state.version, digests: [...state.digests] };
}

/**
 * A rollback returns to the current deployment's rollback target, and inherits that target's own
 * way back, so a second rollback goes one step further back in the environment's history.
 */
export async function resolveRollback(
  unit: DeploymentUnit,
  intent: Intent,
  current: EnvironmentState | undefined,
): Promise<Resolved> {
  const where = `${intent.environment} of ${intent.service}`;
  const deployed = current === undefined ? undefined : await unit.get(current.deploymentId);
  if (deployed === undefined) throw new Refusal([`nothing runs in ${where}: nothing to roll back`]);
  const target = deployed.rollbackTarget;
  if (target === null) {
    throw new Refusal([
      `nothing to roll back to: ${deployed.version} (deployment ${deployed.id}) was the first good deployment to ${where}`,
    ]);
  }
  if (deployed.rollbackPlan.kind === 'roll-forward') {
    const steps = deployed.rollbackPlan.steps.map((step) => step.description).join('; ');
    throw new Refusal([
      `${deployed.version} in ${where} rolls forward, not back (${deployed.rollbackPlan.notes.join('; ')}): ${steps}`,
    ]);
  }
  const returning = await unit.get(target.deploymentId);
  if (returning === undefined)
    throw new Refusal([`rollback target ${target.deploymentId} is gone`]);
  return {
    releaseId: returning.releaseId,
    version: target.version,
    digests: target.digests,
    rollbackTarget: returning.rollbackTarget,
    rollbackPlan: returning.rollbackPlan,
  };
}
