export {
  startPrometheus,
  type PrometheusServer,
  type ScrapeTarget,
  type StartPrometheusOptions,
  type WaitForQueryOptions,
} from './start-prometheus.js';
export { serveMetrics, type MetricsEndpoint } from './serve-metrics.js';
