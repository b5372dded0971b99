import type { MachineState } from '@slipway/core';
import type { AnalysisRunRecord, Rollout } from './rollout-record.js';
import type { StoredAnalysisRun, StoredRollout } from './rollout-store.js';

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
