import type { AnalysisTemplate, RolloutSpec } from '@slipway/core';

export const successRate: AnalysisTemplate = {
  name: 'success-rate',
  args: [{ name: 'threshold', value: '0.95' }],
  metrics: [
    {
      name: 'success-rate',
      source: {
        prometheus: {
          address: 'http://prometheus.monitoring:9090',
          query:
            'sum(rate(http_requests_total{service="{{args.service}}",code!~"5..",rollouts_pod_template_hash="{{args.canaryHash}}"}[1m])) / sum(rate(http_requests_total{service="{{args.service}}",rollouts_pod_template_hash="{{args.canaryHash}}"}[1m]))',
        },
      },
      successCondition: 'result[0] >= {{args.threshold}}',
      failureCondition: 'result[0] < 0.9',
      intervalSeconds: 30,
      count: 5,
      failureLimit: 1,
      inconclusiveLimit: 1,
      consecutiveErrorLimit: 2,
    },
  ],
};

export const smoke: AnalysisTemplate = {
  name: 'smoke',
  metrics: [
    {
      name: 'health',
      source: {
        web: {
          url: 'http://{{args.service}}-preview.{{args.environment}}.svc/health',
          method: 'GET',
          headers: { Authorization: 'Bearer {{args.token}}' },
          jsonPath: '$.ok',
          timeoutSeconds: 5,
        },
      },
      successCondition: 'result == true',
    },
  ],
};

export const judged: AnalysisTemplate = {
  name: 'latency-judge',
  metrics: [
    {
      name: 'p99-latency',
      source: {
        judge: {
          address: 'http://prometheus.monitoring:9090',
          canaryQuery: 'histogram_quantile(0.99, rate(latency_bucket{track="canary"}[1m]))',
          baselineQuery: 'histogram_quantile(0.99, rate(latency_bucket{track="stable"}[1m]))',
          direction: 'increase',
        },
      },
    },
  ],
};

export const canarySpec: RolloutSpec = {
  strategy: {
    kind: 'canary',
    steps: [
      { setWeight: 10 },
      { pause: { seconds: 60 } },
      { analysis: { templates: ['success-rate'] } },
      { setWeight: 50 },
      { pause: {} },
      { analysis: { templates: ['smoke'], args: { token: 'from-the-step' } } },
      { setWeight: 100 },
    ],
    backgroundAnalysis: { templates: ['success-rate'], args: { threshold: '0.9' } },
  },
  templates: [successRate, smoke, judged],
  args: { token: 'from-the-spec' },
};

export const blueGreenSpec: RolloutSpec = {
  strategy: {
    kind: 'blue-green',
    prePromotionAnalysis: { templates: ['smoke'] },
    postPromotionAnalysis: { templates: ['success-rate', 'smoke'] },
    autoPromotionSeconds: 120,
    scaleDownDelaySeconds: 600,
  },
  templates: [successRate, smoke],
  args: { token: 't0ken' },
};
