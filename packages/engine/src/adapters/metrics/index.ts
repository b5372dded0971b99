export {
  createMetricsProvider,
  defaultJudgeWindow,
  metricSourceKind,
  type JudgeSamples,
  type MetricSourceKind,
  type MetricsProviderOptions,
} from './create-metrics-provider.js';
export {
  PrometheusMetricsProvider,
  parsePrometheusValue,
  type PrometheusMetricsProviderOptions,
  type PrometheusSeries,
} from './prometheus-metrics-provider.js';
export { WebMetricsProvider, type WebMetricsProviderOptions } from './web-metrics-provider.js';
export {
  compileJsonPath,
  selectJsonPath,
  type CompiledJsonPath,
  type JsonPathSegment,
} from './json-path.js';
export { FakeMetricsProvider, type FakeMetricsCall } from './fake-metrics-provider.js';
