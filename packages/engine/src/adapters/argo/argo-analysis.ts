import type { AnalysisRef, AnalysisTemplate, MetricSpec, RolloutSpec } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import { kubernetesName } from './kubernetes-name.js';

/** An argument as Argo takes it: a value, or the pod template hash of the canary or stable. */
export interface ArgoArgument {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly podTemplateHashValue: 'Latest' | 'Stable' };
}

/** `{{args.name}}` as Slipway and Argo both write it. */
const placeholder = /\{\{\s*args\.([A-Za-z0-9_-]+)\s*\}\}/g;

/**
 * Arguments only Argo can fill: the pod template hash of the new (canary, preview) and of the
 * stable ReplicaSet, for queries that select pods by their `rollouts-pod-template-hash` label.
 */
const hashArguments: Readonly<Record<string, ArgoArgument['valueFrom']>> = {
  canaryHash: { podTemplateHashValue: 'Latest' },
  stableHash: { podTemplateHashValue: 'Stable' },
};

/** What the renderer knows of the rollout: its templates, arguments and resource names. */
export interface AnalysisContext {
  readonly spec: RolloutSpec;
  /** Always-present arguments (service, environment, version, …). */
  readonly builtins: Readonly<Record<string, string>>;
  /** The Rollout's name: template names are prefixed with it (templates are per namespace). */
  readonly rolloutName: string;
}

/** The AnalysisTemplate resource name of a Slipway template. */
export function argoTemplateName(context: AnalysisContext, template: string): string {
  return kubernetesName(`${context.rolloutName}-${template}`, `templates.${template}`);
}

export function templateOf(
  context: AnalysisContext,
  name: string,
  where: string,
): AnalysisTemplate {
  const template = context.spec.templates?.find((candidate) => candidate.name === name);
  if (template === undefined) {
    const known = (context.spec.templates ?? []).map((candidate) => candidate.name);
    throw new SlipwayError('CONFIG_INVALID', `${where}: no analysis template ${name}`, {
      subject: where,
      hint:
        known.length === 0
          ? 'the rollout spec declares no templates'
          : `one of ${known.join(', ')}`,
    });
  }
  return template;
}

/** Names a template takes: the ones it declares and the ones its metrics refer to. */
export function templateArgNames(template: AnalysisTemplate): string[] {
  const names = new Set((template.args ?? []).map((arg) => arg.name));
  for (const metric of template.metrics) {
    for (const text of metricTexts(metric)) {
      for (const match of text.matchAll(placeholder)) names.add(match[1] as string);
    }
  }
  return [...names];
}

/**
 * An analysis reference (a step, background, pre- or post-promotion) as Argo's
 * `{templates, args}`: every argument the templates take gets its value here, from the step's
 * arguments, then the rollout's, then the built-in ones; one with a default in its template may
 * be left to it. An argument nobody gives a value is refused now, not when Argo runs the analysis.
 */
export function renderAnalysisRef(
  context: AnalysisContext,
  ref: AnalysisRef,
  where: string,
): { templates: { templateName: string }[]; args?: ArgoArgument[] } {
  if (ref.templates.length === 0) {
    throw new SlipwayError('CONFIG_INVALID', `${where}.templates: name at least one template`, {
      subject: `${where}.templates`,
    });
  }
  const templates = ref.templates.map((name) => templateOf(context, name, `${where}.templates`));
  const args: ArgoArgument[] = [];
  const seen = new Set<string>();
  for (const template of templates) {
    for (const name of templateArgNames(template)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const value = ref.args?.[name] ?? context.spec.args?.[name] ?? context.builtins[name];
      const valueFrom = hashArguments[name];
      if (value !== undefined) args.push({ name, value });
      else if (valueFrom !== undefined) args.push({ name, valueFrom });
      else if (
        !templates.some((t) => t.args?.some((arg) => arg.name === name && arg.value !== undefined))
      ) {
        throw new SlipwayError(
          'CONFIG_INVALID',
          `${where}: no value for {{args.${name}}} (template ${template.name})`,
          {
            subject: `${where}.args.${name}`,
            hint: 'give it in the step, the rollout spec args or the template',
          },
        );
      }
    }
  }
  return {
    templates: templates.map((template) => ({
      templateName: argoTemplateName(context, template.name),
    })),
    ...(args.length === 0 ? {} : { args }),
  };
}

/** Every text of a metric that may hold `{{args.x}}`. */
function metricTexts(metric: MetricSpec): string[] {
  // Argo fills placeholders anywhere in a metric, conditions included.
  const conditions = [metric.successCondition ?? '', metric.failureCondition ?? ''];
  const source = metric.source;
  if ('prometheus' in source) {
    return [...conditions, source.prometheus.address, source.prometheus.query];
  }
  if ('web' in source) {
    const { url, body, headers } = source.web;
    return [...conditions, url, body ?? '', ...Object.values(headers ?? {})];
  }
  return [
    ...conditions,
    source.judge.address,
    source.judge.canaryQuery,
    source.judge.baselineQuery,
  ];
}
