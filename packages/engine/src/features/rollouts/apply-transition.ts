import type { Transition } from '@slipway/core';
import { activeAnalysisOrigins } from '@slipway/core';
import type { RolloutOutcome } from './rollout-links.js';
import type { StoredAnalysisRun, StoredRollout } from './rollout-store.js';

/**
 * What a transition makes of a claimed rollout: its next row (the claim given back, the revision
 * raised, `nextActionAt` the earlier of the machine's timer and the next measurement due), the
 * analysis runs it starts (first measurement due now) and the runs it stops (passed by promote,
 * or the rollout ended).
 */
export function applyTransition(
  rollout: StoredRollout,
  runs: readonly StoredAnalysisRun[],
  transition: Transition,
  time: string,
  newId: () => string,
): { next: StoredRollout; started: StoredAnalysisRun[]; stopped: StoredAnalysisRun[] } {
  const { state, effects } = transition;
  const started: StoredAnalysisRun[] = effects.flatMap((effect) =>
    effect.kind === 'start-analysis'
      ? [
          {
            id: newId(),
            rolloutId: rollout.id,
            attempt: state.attempt,
            origin: effect.origin,
            ref: effect.ref,
            templates: effect.ref.templates,
            phase: 'running' as const,
            measurements: [],
            judgements: [],
            nextMeasurementAt: time,
            startedAt: time,
            finishedAt: null,
          },
        ]
      : [],
  );
  const active = new Set(activeAnalysisOrigins(rollout.spec.strategy, state));
  const stopped = runs
    .filter((run) => run.finishedAt === null && !active.has(run.origin))
    .map((run) => ({ ...run, nextMeasurementAt: null, finishedAt: time }));
  const dues = [
    state.nextActionAt,
    ...[...runs, ...started]
      .filter((run) => run.finishedAt === null && active.has(run.origin))
      .map((run) => run.nextMeasurementAt),
  ].filter((due): due is string => due !== null);
  const terminal = state.status !== 'progressing' && state.status !== 'paused';
  const next: StoredRollout = {
    ...rollout,
    status: state.status,
    currentStep: state.currentStep,
    weight: state.weight,
    message: state.message,
    pause: state.pause,
    attempt: state.attempt,
    acceptedRuns: state.acceptedRuns,
    timerAt: state.nextActionAt,
    nextActionAt: terminal ? null : (dues.sort()[0] ?? null),
    revision: rollout.revision + 1,
    claimedBy: null,
    claimedUntil: null,
    updatedAt: time,
  };
  return { next, started, stopped };
}

/** How the transition ends the rollout (or begins it again), if it does. */
export function outcomeOf(effects: Transition['effects']): RolloutOutcome | undefined {
  for (const effect of effects) {
    if (effect.kind === 'succeeded') return 'succeeded';
    if (effect.kind === 'aborted') return 'aborted';
    if (effect.kind === 'frozen') return 'frozen';
    if (effect.kind === 'retried') return 'retried';
  }
  return undefined;
}
