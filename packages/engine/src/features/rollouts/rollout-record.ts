import type { AnalysisPhase, JudgeResult, RolloutSpec } from '@slipway/core';

/**
 * - `progressing`: steps are running (weights moving, analyses measuring).
 * - `paused`: waiting for a timed pause to end or for `rollout promote` (an indefinite pause).
 * - `succeeded`: 100% on the new version; the deployment is succeeded.
 * - `aborted`: all traffic back to stable, deployment failed, the release's flags restored.
 * - `frozen`: an analysis failed but the release cannot go back (irreversible migration): traffic
 *   stays where it is and the rollout waits for a fix release (roll forward).
 */
export const rolloutStatuses = ['progressing', 'paused', 'succeeded', 'aborted', 'frozen'] as const;
export type RolloutStatus = (typeof rolloutStatuses)[number];

/** The verdict of one analysis run: core's phases (Argo Rollouts' phases, lower-cased). */
export type { AnalysisPhase };

export interface MeasurementRecord {
  readonly metric: string;
  readonly phase: Exclude<AnalysisPhase, 'running'>;
  readonly value: unknown;
  readonly measuredAt: string;
  readonly message?: string;
}

/** A judge's verdict, stored whole as evidence (statistic, effect size and the raw samples). */
export interface JudgeRecord extends JudgeResult {
  /** The metric the verdict is about; the rest is core's judge result, stored whole. */
  readonly metric: string;
}

export interface AnalysisRunRecord {
  readonly id: string;
  readonly rolloutId: string;
  /** The step index that started it, or `background`, `pre-promotion`, `post-promotion`. */
  readonly origin: string;
  readonly templates: readonly string[];
  readonly phase: AnalysisPhase;
  readonly measurements: readonly MeasurementRecord[];
  readonly judgements: readonly JudgeRecord[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** Which attempt of the rollout (1, then +1 per retry) the run belongs to. */
  readonly attempt?: number;
}

export interface Rollout {
  readonly id: string;
  /** The deployment this rollout carries out; it settles when the rollout ends. */
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly stableVersion: string | null;
  readonly spec: RolloutSpec;
  readonly status: RolloutStatus;
  /** Index of the current canary step (steps.length when all are done); blue-green: 0 or 1. */
  readonly currentStep: number;
  /** The weight the canary (or preview) receives now, 0–100. */
  readonly weight: number;
  /** Why it paused, aborted or froze. */
  readonly message: string | null;
  /** When a timed pause ends or the next analysis measurement is due. */
  readonly nextActionAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly analysisRuns: readonly AnalysisRunRecord[];
  /** 1, then +1 for each retry of an aborted rollout. */
  readonly attempt?: number;
}
