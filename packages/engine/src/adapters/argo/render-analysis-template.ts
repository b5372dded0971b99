import type { AnalysisTemplate, MetricSpec } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { AnalysisContext, ArgoArgument } from './argo-analysis.js';
import { argoTemplateName, templateArgNames } from './argo-analysis.js';
import type { KubernetesObject } from './kubernetes-object.js';
import { wholeNumber } from './whole-number.js';

/**
 * A Slipway analysis template as an Argo `AnalysisTemplate`. Prometheus and web metrics carry
 * over field for field (conditions use the same `result` expressions); judge metrics (Slipway's
 * Mann-Whitney canary judge) have no Argo provider and are refused.
 */
export function renderAnalysisTemplate(
  context: AnalysisContext,
  template: AnalysisTemplate,
  metadata: KubernetesObject['metadata'],
): KubernetesObject {
  const defaults = new Map((template.args ?? []).map((arg) => [arg.name, arg.value]));
  const args: ArgoArgument[] = templateArgNames(template).map((name) => {
    const value = defaults.get(name);
    return value === undefined ? { name } : { name, value };
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { ...metadata, name: argoTemplateName(context, template.name) },
    spec: {
      ...(args.length === 0 ? {} : { args }),
      metrics: template.metrics.map((metric) => renderMetric(template.name, metric)),
    },
  };
}

function renderMetric(template: string, metric: MetricSpec): Record<string, unknown> {
  const where = `templates.${template}.metrics.${metric.name}`;
  const rendered: Record<string, unknown> = { name: metric.name };
  if (metric.intervalSeconds !== undefined && metric.intervalSeconds > 0) {
    rendered['interval'] = `${metric.intervalSeconds}s`;
  }
  for (const field of [
    'count',
    'failureLimit',
    'inconclusiveLimit',
    'consecutiveErrorLimit',
  ] as const) {
    const value = metric[field];
    if (value === undefined) continue;
    rendered[field] = wholeNumber(value, `${where}.${field}`);
  }
  if (metric.successCondition !== undefined) rendered['successCondition'] = metric.successCondition;
  if (metric.failureCondition !== undefined) rendered['failureCondition'] = metric.failureCondition;
  rendered['provider'] = renderProvider(metric, where);
  return rendered;
}

function renderProvider(metric: MetricSpec, where: string): Record<string, unknown> {
  const source = metric.source;
  if ('prometheus' in source) {
    return { prometheus: { address: source.prometheus.address, query: source.prometheus.query } };
  }
  if ('web' in source) {
    const web = source.web;
    return {
      web: {
        url: web.url,
        ...(web.method === undefined ? {} : { method: web.method }),
        ...(web.headers === undefined
          ? {}
          : { headers: Object.entries(web.headers).map(([key, value]) => ({ key, value })) }),
        ...(web.body === undefined ? {} : { body: web.body }),
        // Argo reads kubectl-style JSONPath, in braces: `{$.data.ok}`.
        ...(web.jsonPath === undefined
          ? {}
          : { jsonPath: web.jsonPath.startsWith('{') ? web.jsonPath : `{${web.jsonPath}}` }),
        ...(web.timeoutSeconds === undefined
          ? {}
          : { timeoutSeconds: Math.ceil(web.timeoutSeconds) }),
      },
    };
  }
  throw new SlipwayError(
    'REFUSED',
    `${where}: a judge metric (canary versus baseline, Mann-Whitney U) cannot run in Argo Rollouts`,
    {
      subject: where,
      hint:
        'give this service a prometheus metric with a successCondition for Kubernetes, or roll ' +
        'it out with a Slipway traffic router (nginx, flag, command), where the judge runs',
    },
  );
}
