export * from './rollout-machine-state.js';
export * from './advance-rollout.js';
export type { MachineEnvironment } from './machine-draft.js';
export { blueGreenSteps, defaultScaleDownDelaySeconds } from './blue-green-machine.js';
export { activeAnalysisOrigins } from './active-analysis-origins.js';
