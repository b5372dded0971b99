import type { RolloutStrategy } from '../rollout-spec.js';
import type { MachineState } from './rollout-machine-state.js';
import { analysisOrigins } from './rollout-machine-state.js';

/**
 * The analysis runs that should still measure in this state: the background analysis and the
 * current step's (canary), or the analysis of the current phase (blue-green). Runs of other
 * origins were passed (promoted over, or finished) and stop; none run once the rollout ended.
 */
export function activeAnalysisOrigins(strategy: RolloutStrategy, state: MachineState): string[] {
  if (state.status !== 'progressing' && state.status !== 'paused') return [];
  if (strategy.kind === 'canary') {
    const origins: string[] = [];
    if (strategy.backgroundAnalysis !== undefined) origins.push(analysisOrigins.background);
    const step = strategy.steps[state.currentStep];
    if (step !== undefined && 'analysis' in step) {
      origins.push(analysisOrigins.step(state.currentStep));
    }
    return origins;
  }
  if (strategy.kind === 'blue-green') {
    if (state.currentStep === 0) return [analysisOrigins.prePromotion];
    if (state.currentStep === 1) return [analysisOrigins.postPromotion];
  }
  return [];
}
