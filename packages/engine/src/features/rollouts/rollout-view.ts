import type { MachineState, RolloutSpec } from '@slipway/core';
import { initialMachineState } from '@slipway/core';
import type { Deployment } from '../deployments/deployment-record.js';
import type { AnalysisRunRecord, Rollout } from './rollout-record.js';
import type { FlagSnapshotEntry, StoredAnalysisRun, StoredRollout } from './rollout-store.js';

/** The public record: the stored rollout without its claim and snapshot, with its runs. */
export function rolloutView(rollout: StoredRollout, runs: readonly StoredAnalysisRun[]): Rollout {
  return {
    id: rollout.id,
    deploymentId: rollout.deploymentId,
    service: rollout.service,
    environment: rollout.environment,
    version: rollout.version,
    stableVersion: rollout.stableVersion,
    spec: rollout.spec,
    status: rollout.status,
    currentStep: rollout.currentStep,
    weight: rollout.weight,
    message: rollout.message,
    nextActionAt: rollout.nextActionAt,
    createdBy: rollout.createdBy,
    createdAt: rollout.createdAt,
    updatedAt: rollout.updatedAt,
    attempt: rollout.attempt,
    analysisRuns: runs.map(runView),
  };
}

function runView(run: StoredAnalysisRun): AnalysisRunRecord {
  return {
    id: run.id,
    rolloutId: run.rolloutId,
    origin: run.origin,
    templates: run.templates,
    phase: run.phase,
    measurements: run.measurements,
    judgements: run.judgements,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    attempt: run.attempt,
  };
}

export function machineOf(rollout: StoredRollout): MachineState {
  return {
    status: rollout.status,
    currentStep: rollout.currentStep,
    weight: rollout.weight,
    message: rollout.message,
    nextActionAt: rollout.timerAt,
    pause: rollout.pause,
    attempt: rollout.attempt,
    acceptedRuns: rollout.acceptedRuns,
  };
}

/**
 * The rollout of a deployment, due at once. A deployment whose rollback plan rolls forward
 * freezes on failure, with the plan's notes and steps as what the fix release must do.
 */
export function newRollout(
  id: string,
  deployment: Deployment,
  spec: RolloutSpec,
  actor: string,
  time: string,
  flagSnapshot: readonly FlagSnapshotEntry[],
): StoredRollout {
  const plan = deployment.rollbackPlan;
  return {
    ...initialMachineState(),
    id,
    deploymentId: deployment.id,
    service: deployment.service,
    environment: deployment.environment,
    version: deployment.version,
    stableVersion: deployment.rollbackTarget?.version ?? null,
    spec,
    nextActionAt: time,
    timerAt: null,
    rollForward:
      plan.kind === 'roll-forward'
        ? [...plan.notes, ...plan.steps.map((step) => step.description)].join('; ')
        : null,
    flagSnapshot,
    revision: 1,
    claimedBy: null,
    claimedUntil: null,
    createdBy: actor,
    createdAt: time,
    updatedAt: time,
  };
}
