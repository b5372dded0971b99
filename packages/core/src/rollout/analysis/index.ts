export { compileCondition, evaluateCondition } from './compile-condition.js';
export type { Condition } from './compile-condition.js';
export { argReferences, renderArgs } from './render-args.js';
export { metricArgReferences, renderMetric } from './render-metric.js';
export { measurementPhase } from './measurement-phase.js';
export type { MeasurementPhase } from './measurement-phase.js';
export {
  analysisPhase,
  defaultConsecutiveErrorLimit,
  effectiveCount,
  errorRetrySeconds,
  metricPhase,
  nextMeasurementDue,
  trailingErrors,
} from './metric-phase.js';
export type { AnalysisPhase, MeasuredPhase } from './metric-phase.js';
