import type { JsonValue, RolloutEffect } from '@slipway/core';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { StoredAnalysisRun, StoredRollout } from './rollout-store.js';

/** The ledger's name for an automatic transition (a timer, a measurement, the scheduler). */
export const automaticActor = 'slipway';

function base(rollout: StoredRollout): Record<string, JsonValue> {
  return {
    rollout: rollout.id,
    deployment: rollout.deploymentId,
    service: rollout.service,
    environment: rollout.environment,
    version: rollout.version,
    attempt: rollout.attempt,
  };
}

export function rolloutEvent(
  type: string,
  rollout: StoredRollout,
  actor: string,
  time: string,
  payload: Record<string, JsonValue> = {},
): LedgerEventInput {
  return {
    type: `rollout.${type}`,
    subject: `rollout:${rollout.id}`,
    actor,
    time,
    payload: { ...base(rollout), ...payload },
  };
}

/** One event per effect of a transition, plus one per analysis run that started or finished. */
export function transitionEvents(
  rollout: StoredRollout,
  effects: readonly RolloutEffect[],
  runs: {
    readonly started: readonly StoredAnalysisRun[];
    readonly finished: readonly StoredAnalysisRun[];
  },
  actor: string,
  time: string,
  restoredFlags: readonly string[],
): LedgerEventInput[] {
  const event = (type: string, payload: Record<string, JsonValue> = {}): LedgerEventInput =>
    rolloutEvent(type, rollout, actor, time, payload);
  const events = runs.finished.map((run) =>
    event('analysis', {
      run: run.id,
      origin: run.origin,
      phase: run.phase,
      measurements: run.measurements.length,
      judgements: run.judgements.map((judgement) => ({
        metric: judgement.metric,
        verdict: judgement.verdict,
        pValue: judgement.pValue,
        effectSize: judgement.effectSize,
      })),
    }),
  );
  for (const effect of effects) {
    switch (effect.kind) {
      case 'set-weight':
        events.push(event('weight', { weight: effect.weight }));
        break;
      case 'step':
        events.push(event('step', { step: effect.index }));
        break;
      case 'start-analysis': {
        const run = runs.started.find((item) => item.origin === effect.origin);
        events.push(
          event('analysis', {
            run: run?.id ?? null,
            origin: effect.origin,
            phase: 'running',
            templates: [...effect.ref.templates],
          }),
        );
        break;
      }
      case 'paused':
        events.push(event('paused', { reason: effect.reason, until: effect.until }));
        break;
      case 'resumed':
        events.push(event('resumed'));
        break;
      case 'promoted':
        events.push(event('promoted', { full: effect.full }));
        break;
      case 'retried':
        events.push(event('retried'));
        break;
      case 'succeeded':
        events.push(event('succeeded', { weight: rollout.weight }));
        break;
      case 'aborted':
        events.push(event('aborted', { reason: effect.reason, restoredFlags: [...restoredFlags] }));
        break;
      case 'frozen':
        events.push(
          event('frozen', {
            reason: effect.reason,
            weight: rollout.weight,
            message: rollout.message,
          }),
        );
        break;
    }
  }
  return events;
}
