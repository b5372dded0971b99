import type { MetricSource, MetricSpec } from '../rollout-spec.js';
import { argReferences, renderArgs } from './render-args.js';

type Render = (text: string, field: string) => string;

/**
 * Applies `render` to every text of a metric that may hold `{{args.name}}` placeholders: the
 * source's address, query, URL, headers, body and JSON path, and both conditions (as in Argo,
 * `result[0] < {{args.threshold}}` is allowed).
 */
function mapMetricTexts(metric: MetricSpec, render: Render): MetricSpec {
  const conditions: { successCondition?: string; failureCondition?: string } = {};
  if (metric.successCondition !== undefined) {
    conditions.successCondition = render(metric.successCondition, 'successCondition');
  }
  if (metric.failureCondition !== undefined) {
    conditions.failureCondition = render(metric.failureCondition, 'failureCondition');
  }
  return { ...metric, ...conditions, source: mapSourceTexts(metric.source, render) };
}

function mapSourceTexts(source: MetricSource, render: Render): MetricSource {
  if ('prometheus' in source) {
    const { address, query } = source.prometheus;
    return {
      prometheus: { address: render(address, 'address'), query: render(query, 'query') },
    };
  }
  if ('web' in source) {
    const web = source.web;
    const rendered: { -readonly [K in keyof typeof web]: (typeof web)[K] } = {
      ...web,
      url: render(web.url, 'url'),
    };
    if (web.headers !== undefined) {
      rendered.headers = Object.fromEntries(
        Object.entries(web.headers).map(([name, value]) => [
          name,
          render(value, `headers.${name}`),
        ]),
      );
    }
    if (web.body !== undefined) rendered.body = render(web.body, 'body');
    if (web.jsonPath !== undefined) rendered.jsonPath = render(web.jsonPath, 'jsonPath');
    return { web: rendered };
  }
  const judge = source.judge;
  return {
    judge: {
      ...judge,
      address: render(judge.address, 'address'),
      canaryQuery: render(judge.canaryQuery, 'canaryQuery'),
      baselineQuery: render(judge.baselineQuery, 'baselineQuery'),
    },
  };
}

/** The argument names a metric's texts refer to, each once. */
export function metricArgReferences(metric: MetricSpec): string[] {
  const names = new Set<string>();
  mapMetricTexts(metric, (text) => {
    for (const name of argReferences(text)) names.add(name);
    return text;
  });
  return [...names];
}

/**
 * The metric with every `{{args.name}}` filled from `args` (see renderArgs); a missing argument
 * is a SlipwayError naming the metric, the field and `where` (e.g. the analysis run).
 */
export function renderMetric(
  metric: MetricSpec,
  args: Readonly<Record<string, string>>,
  where: string,
): MetricSpec {
  return mapMetricTexts(metric, (text, field) =>
    renderArgs(text, args, `${where}: metric "${metric.name}" ${field}`),
  );
}
