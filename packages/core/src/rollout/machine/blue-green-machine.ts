import type { BlueGreenStrategy } from '../rollout-spec.js';
import { inconclusiveMessage } from './canary-machine.js';
import type { MachineDraft } from './machine-draft.js';
import { analysisOrigins } from './rollout-machine-state.js';

/** Default of `scaleDownDelaySeconds`: how long the old version stays for a quick switch back. */
export const defaultScaleDownDelaySeconds = 30;

export const blueGreenSteps = { preview: 0, switched: 1, scalingDown: 2 } as const;

/**
 * Preview (no user traffic) with its pre-promotion analysis, then a wait for promote or for the
 * auto-promotion delay, the switch (100%), the post-promotion analysis (failure switches back),
 * and the scale-down delay before the rollout succeeds.
 */
export function tickBlueGreen(strategy: BlueGreenStrategy, draft: MachineDraft): void {
  if (draft.terminal) return;
  const { state } = draft;
  if (state.currentStep === blueGreenSteps.preview) {
    if (!analysisSettled(draft, analysisOrigins.prePromotion, strategy.prePromotionAnalysis)) {
      return;
    }
    if (state.status === 'paused') {
      if (state.pause?.reason !== 'step' || !draft.due(state.pause.until)) return;
      switchOver(draft);
    } else {
      const seconds = strategy.autoPromotionSeconds;
      if (seconds === 0) {
        switchOver(draft);
      } else {
        const until = seconds === undefined ? null : draft.after(seconds);
        const message =
          until === null ? 'preview ready: waiting for promote' : 'preview ready: auto-promotion';
        draft.pauseFor('step', until, message);
        return;
      }
    }
  }
  if (state.currentStep === blueGreenSteps.switched) {
    if (!analysisSettled(draft, analysisOrigins.postPromotion, strategy.postPromotionAnalysis)) {
      return;
    }
    if (state.status === 'paused') return;
    scaleDown(strategy, draft);
    return;
  }
  if (state.status === 'progressing' && draft.due(state.nextActionAt)) draft.succeed();
}

/** Promote (or resume) from the current phase: switch, skip the analysis, or finish. */
export function promoteBlueGreen(strategy: BlueGreenStrategy, draft: MachineDraft): void {
  const { state } = draft;
  if (state.currentStep === blueGreenSteps.preview) {
    draft.unpause();
    switchOver(draft);
  } else if (state.currentStep === blueGreenSteps.switched) {
    draft.unpause();
    scaleDown(strategy, draft);
  } else {
    draft.unpause();
    state.nextActionAt = draft.env.now;
  }
}

/**
 * True when the analysis (if any) is done and lets the rollout go on; starts it when it has no
 * run, fails the rollout on failure and pauses it on an inconclusive verdict.
 */
function analysisSettled(
  draft: MachineDraft,
  origin: string,
  ref: BlueGreenStrategy['prePromotionAnalysis'],
): boolean {
  if (ref === undefined) return true;
  const phase = draft.phaseOf(origin);
  if (phase === undefined) {
    draft.effects.push({ kind: 'start-analysis', origin, ref });
    return false;
  }
  if (phase === 'running') return false;
  if (draft.failedBy(origin, origin)) return false;
  if (phase === 'inconclusive' && !draft.accepted(origin)) {
    if (draft.state.status === 'progressing') {
      draft.pauseFor('inconclusive', null, inconclusiveMessage(origin), origin);
    }
    return false;
  }
  return true;
}

function switchOver(draft: MachineDraft): void {
  draft.setWeight(100);
  draft.enterStep(blueGreenSteps.switched);
}

function scaleDown(strategy: BlueGreenStrategy, draft: MachineDraft): void {
  draft.enterStep(blueGreenSteps.scalingDown);
  draft.state.nextActionAt = draft.after(
    strategy.scaleDownDelaySeconds ?? defaultScaleDownDelaySeconds,
  );
}
