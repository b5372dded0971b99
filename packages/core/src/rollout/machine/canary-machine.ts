import type { CanaryStrategy } from '../rollout-spec.js';
import type { MachineDraft } from './machine-draft.js';
import { analysisOrigins } from './rollout-machine-state.js';

const { background } = analysisOrigins;

/**
 * Runs the canary's steps from the current one until one has to wait: setWeight applies at
 * once, a pause waits (for its seconds, or for promote), an analysis waits for its verdict.
 * A failed background analysis aborts at any step, paused or not.
 */
export function tickCanary(strategy: CanaryStrategy, draft: MachineDraft): void {
  if (draft.terminal) return;
  const { state } = draft;
  if (strategy.backgroundAnalysis !== undefined) {
    const phase = draft.phaseOf(background);
    if (phase === undefined) {
      draft.effects.push({
        kind: 'start-analysis',
        origin: background,
        ref: strategy.backgroundAnalysis,
      });
    } else if (draft.failedBy(background, 'background')) {
      return;
    } else if (
      phase === 'inconclusive' &&
      !draft.accepted(background) &&
      state.status === 'progressing'
    ) {
      draft.pauseFor('inconclusive', null, inconclusiveMessage('background'), background);
      return;
    }
  }
  if (state.status === 'paused') {
    const current = strategy.steps[state.currentStep];
    if (current !== undefined && 'analysis' in current) {
      if (draft.failedBy(analysisOrigins.step(state.currentStep), `step ${state.currentStep}`)) {
        return;
      }
    }
    if (state.pause?.reason !== 'step' || !draft.due(state.pause.until)) return;
    next(strategy, draft);
  }
  runSteps(strategy, draft);
}

/** Leaves the current step for the next one. */
export function next(strategy: CanaryStrategy, draft: MachineDraft): void {
  const index = draft.state.currentStep + 1;
  if (index < strategy.steps.length) draft.enterStep(index);
  else draft.unpause();
  draft.state.currentStep = index;
}

function runSteps(strategy: CanaryStrategy, draft: MachineDraft): void {
  const { state } = draft;
  while (state.status === 'progressing') {
    const index = state.currentStep;
    const step = strategy.steps[index];
    if (step === undefined) {
      draft.succeed();
      return;
    }
    if ('setWeight' in step) {
      if (state.weight !== step.setWeight) draft.setWeight(step.setWeight);
      next(strategy, draft);
    } else if ('pause' in step) {
      const { seconds } = step.pause;
      if (seconds === 0) {
        next(strategy, draft);
        continue;
      }
      const until = seconds === undefined ? null : draft.after(seconds);
      const message =
        until === null ? `paused at step ${index} until promoted` : `paused at step ${index}`;
      draft.pauseFor('step', until, message);
      return;
    } else {
      const origin = analysisOrigins.step(index);
      const phase = draft.phaseOf(origin);
      if (phase === undefined) {
        draft.effects.push({ kind: 'start-analysis', origin, ref: step.analysis });
        return;
      }
      if (phase === 'running') return;
      if (draft.failedBy(origin, `step ${index}`)) return;
      if (phase === 'inconclusive' && !draft.accepted(origin)) {
        draft.pauseFor('inconclusive', null, inconclusiveMessage(`step ${index}`), origin);
        return;
      }
      next(strategy, draft);
    }
  }
}

export function inconclusiveMessage(label: string): string {
  return `${label} analysis was inconclusive: promote (or resume) to go on, abort to roll back`;
}
