import { SlipwayError } from '../../errors/slipway-error.js';
import type { RolloutStrategy } from '../rollout-spec.js';
import { promoteBlueGreen, tickBlueGreen } from './blue-green-machine.js';
import { next, tickCanary } from './canary-machine.js';
import { MachineDraft } from './machine-draft.js';
import type { MachineEnvironment } from './machine-draft.js';
import type { MachineState, MachineStatus, Transition } from './rollout-machine-state.js';
import { analysisOrigins } from './rollout-machine-state.js';

/** What happens to a rollout: the clock ticks, or a person acts. */
export type MachineInput =
  | { readonly kind: 'tick' }
  /** Ends a pause or skips the current step; `full` goes straight to 100% and succeeds. */
  | { readonly kind: 'promote'; readonly full: boolean }
  | { readonly kind: 'abort'; readonly reason: string }
  | { readonly kind: 'retry' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' };

/**
 * The rollout state machine: (state, input) → (state, effects), pure. Every input but abort,
 * pause and a full promote is followed by a tick at the same instant, so a promote that ends a
 * pause runs the steps after it at once. A manual input the state does not allow is refused.
 */
export function advanceRollout(
  strategy: RolloutStrategy,
  state: MachineState,
  input: MachineInput,
  env: MachineEnvironment,
): Transition {
  const draft = new MachineDraft(state, env);
  switch (input.kind) {
    case 'tick':
      break;
    case 'promote':
      if (input.full) {
        allow(state, input.kind, ['progressing', 'paused', 'frozen']);
        draft.effects.push({ kind: 'promoted', full: true });
        draft.state.currentStep = finalStep(strategy);
        draft.succeed();
        return draft.done();
      }
      allow(state, input.kind, ['progressing', 'paused']);
      draft.effects.push({ kind: 'promoted', full: false });
      skipCurrent(strategy, draft);
      break;
    case 'abort':
      allow(state, input.kind, ['progressing', 'paused']);
      draft.fail(input.reason);
      return draft.done();
    case 'retry':
      allow(state, input.kind, ['aborted']);
      Object.assign(draft.state, {
        status: 'progressing',
        currentStep: 0,
        weight: 0,
        message: null,
        nextActionAt: null,
        pause: null,
        attempt: state.attempt + 1,
        acceptedRuns: [],
      });
      draft.effects.push({ kind: 'retried', attempt: state.attempt + 1 });
      // The runs the caller passed belong to the attempt that just ended.
      return tickOnce(strategy, new MachineDraft(draft.state, { ...env, runs: [] }), draft);
    case 'pause':
      allow(state, input.kind, ['progressing']);
      draft.pauseFor('user', null, 'paused by hand: resume to go on');
      return draft.done();
    case 'resume':
      allow(state, input.kind, ['paused']);
      draft.effects.push({ kind: 'resumed' });
      if (state.pause?.reason === 'user') draft.unpause();
      else skipCurrent(strategy, draft);
      break;
  }
  tick(strategy, draft);
  return draft.done();
}

function tick(strategy: RolloutStrategy, draft: MachineDraft): void {
  if (strategy.kind === 'canary') tickCanary(strategy, draft);
  else if (strategy.kind === 'blue-green') tickBlueGreen(strategy, draft);
  else if (!draft.terminal) draft.succeed();
}

/** Ticks a fresh draft and returns its effects after those already collected. */
function tickOnce(
  strategy: RolloutStrategy,
  fresh: MachineDraft,
  before: MachineDraft,
): Transition {
  tick(strategy, fresh);
  return { state: fresh.state, effects: [...before.effects, ...fresh.effects] };
}

/**
 * Promote or resume: an inconclusive background verdict is accepted where it stands; any other
 * pause (or a running step) is left for the next step.
 */
function skipCurrent(strategy: RolloutStrategy, draft: MachineDraft): void {
  if (strategy.kind === 'blue-green') {
    promoteBlueGreen(strategy, draft);
    return;
  }
  if (strategy.kind !== 'canary') return;
  const pause = draft.state.pause;
  if (pause?.origin === analysisOrigins.background) {
    draft.unpause();
    return;
  }
  draft.unpause();
  next(strategy, draft);
}

function finalStep(strategy: RolloutStrategy): number {
  if (strategy.kind === 'canary') return strategy.steps.length;
  return strategy.kind === 'blue-green' ? 2 : 0;
}

function allow(state: MachineState, action: string, statuses: readonly MachineStatus[]): void {
  if (statuses.includes(state.status)) return;
  throw new SlipwayError(
    'REFUSED',
    `cannot ${action} a rollout that is ${state.status} (only when ${statuses.join(' or ')})`,
    { subject: action },
  );
}
