import type { AnalysisRef } from '../rollout-spec.js';

/** The same names as the engine's rollout statuses: the machine decides, the engine stores. */
export type MachineStatus = 'progressing' | 'paused' | 'succeeded' | 'aborted' | 'frozen';

/** Argo Rollouts' analysis phases, lower-cased. */
export type MachineAnalysisPhase = 'running' | 'successful' | 'failed' | 'inconclusive' | 'error';

/**
 * Why a rollout waits: a pause step (timed when `until` is set, else until promoted), a person
 * (`rollout pause`), or an analysis that could not decide (a person decides instead, as Argo).
 */
export interface PauseState {
  readonly reason: 'step' | 'user' | 'inconclusive';
  readonly until: string | null;
  /** The analysis run (by origin) whose inconclusive verdict caused it. */
  readonly origin?: string;
}

/**
 * Everything the machine needs to decide the next move; stored with the rollout.
 * Canary `currentStep` indexes the steps (steps.length when done). Blue-green: 0 preview,
 * 1 switched (post-promotion analysis), 2 keeping the old version for the scale-down delay.
 */
export interface MachineState {
  readonly status: MachineStatus;
  readonly currentStep: number;
  readonly weight: number;
  readonly message: string | null;
  /** When a timer of the machine (pause, auto-promotion, scale-down delay) ends. */
  readonly nextActionAt: string | null;
  readonly pause: PauseState | null;
  /** Raised by retry: analysis runs of earlier attempts are not this attempt's. */
  readonly attempt: number;
  /** Origins of inconclusive runs a person accepted by promoting or resuming. */
  readonly acceptedRuns: readonly string[];
}

/** An analysis run of the current attempt, as far as the machine cares. */
export interface RunView {
  readonly origin: string;
  readonly phase: MachineAnalysisPhase;
}

/** What the engine must do for a transition, in order. */
export type RolloutEffect =
  | { readonly kind: 'set-weight'; readonly weight: number }
  | { readonly kind: 'step'; readonly index: number }
  | { readonly kind: 'start-analysis'; readonly origin: string; readonly ref: AnalysisRef }
  | {
      readonly kind: 'paused';
      readonly reason: PauseState['reason'];
      readonly until: string | null;
    }
  | { readonly kind: 'resumed' }
  | { readonly kind: 'promoted'; readonly full: boolean }
  | { readonly kind: 'retried'; readonly attempt: number }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'aborted'; readonly reason: string }
  | { readonly kind: 'frozen'; readonly reason: string };

export interface Transition {
  readonly state: MachineState;
  readonly effects: readonly RolloutEffect[];
}

/** A new rollout: nothing moved yet; the first tick enters its first step. */
export function initialMachineState(): MachineState {
  return {
    status: 'progressing',
    currentStep: 0,
    weight: 0,
    message: null,
    nextActionAt: null,
    pause: null,
    attempt: 1,
    acceptedRuns: [],
  };
}

export const analysisOrigins = {
  background: 'background',
  prePromotion: 'pre-promotion',
  postPromotion: 'post-promotion',
  step: (index: number): string => String(index),
} as const;
