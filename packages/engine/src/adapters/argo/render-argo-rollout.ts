import type { AnalysisRef, BlueGreenStrategy, CanaryStrategy, RolloutSpec } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { AnalysisContext } from './argo-analysis.js';
import { renderAnalysisRef, templateOf } from './argo-analysis.js';
import type { KubernetesObject } from './kubernetes-object.js';
import { kubernetesName } from './kubernetes-name.js';
import { renderAnalysisTemplate } from './render-analysis-template.js';
import { wholeNumber } from './whole-number.js';

export interface ArgoServices {
  /** Blue-green: the Service of the live version (default the rollout's name). */
  readonly active?: string;
  /** Blue-green: the Service of the version under test (default `<name>-preview`). */
  readonly preview?: string;
  /** Canary: Services Argo points at the stable and the canary pods (optional). */
  readonly stable?: string;
  readonly canary?: string;
}

export interface ArgoRolloutInput {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly spec: RolloutSpec;
  /** Container image; default `<service>:<version>`. */
  readonly image?: string;
  readonly namespace?: string;
  /** The Rollout's name (and app label); default the service name made a Kubernetes name. */
  readonly name?: string;
  /** Default 1. */
  readonly replicas?: number;
  readonly containerPort?: number;
  readonly services?: ArgoServices;
}

export const argoApiVersion = 'argoproj.io/v1alpha1';
const appLabel = 'app.kubernetes.io/name';

/**
 * A service's rollout spec as Argo Rollouts resources: one `AnalysisTemplate` per template the
 * strategy uses (first, so `kubectl apply` creates them before the Rollout that names them),
 * then the `Rollout`. Canary steps translate one to one; blue-green keeps Slipway's meaning
 * (no auto-promotion unless asked); all-at-once is a canary without steps.
 */
export function renderArgoRollout(input: ArgoRolloutInput): KubernetesObject[] {
  const name = kubernetesName(
    input.name ?? input.service,
    input.name === undefined ? 'service' : 'name',
  );
  const context: AnalysisContext = {
    spec: input.spec,
    rolloutName: name,
    builtins: {
      service: input.service,
      environment: input.environment,
      version: input.version,
      canaryVersion: input.version,
      ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
    },
  };
  const metadata = {
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
    labels: { [appLabel]: name, 'app.kubernetes.io/managed-by': 'slipway' },
    annotations: {
      'slipway.dev/service': input.service,
      'slipway.dev/environment': input.environment,
      'slipway.dev/version': input.version,
    },
  };
  const replicas = wholeNumber(input.replicas ?? 1, 'replicas');
  const container = {
    name,
    image: input.image ?? `${input.service}:${input.version}`,
    ...(input.containerPort === undefined
      ? {}
      : { ports: [{ containerPort: input.containerPort }] }),
  };
  const rollout: KubernetesObject = {
    apiVersion: argoApiVersion,
    kind: 'Rollout',
    metadata: { name, ...metadata },
    spec: {
      replicas,
      selector: { matchLabels: { [appLabel]: name } },
      template: {
        metadata: {
          labels: { [appLabel]: name },
          annotations: { 'slipway.dev/version': input.version },
        },
        spec: { containers: [container] },
      },
      strategy: renderStrategy(context, input.spec, input.services ?? {}),
    },
  };
  const templates = usedTemplates(input.spec).map((template) =>
    renderAnalysisTemplate(context, templateOf(context, template, 'templates'), {
      name: template,
      ...metadata,
    }),
  );
  return [...templates, rollout];
}

function renderStrategy(
  context: AnalysisContext,
  spec: RolloutSpec,
  services: ArgoServices,
): Record<string, unknown> {
  const strategy = spec.strategy;
  if (strategy.kind === 'blue-green')
    return { blueGreen: renderBlueGreen(context, strategy, services) };
  const canary: Record<string, unknown> = {
    ...(services.stable === undefined ? {} : { stableService: services.stable }),
    ...(services.canary === undefined ? {} : { canaryService: services.canary }),
  };
  if (strategy.kind === 'canary') Object.assign(canary, renderCanary(context, strategy));
  return { canary };
}

function renderCanary(context: AnalysisContext, strategy: CanaryStrategy): Record<string, unknown> {
  const steps = strategy.steps.map((step, index) => {
    const where = `strategy.steps[${index}]`;
    if ('setWeight' in step) {
      const weight = step.setWeight;
      if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
        throw new SlipwayError(
          'CONFIG_INVALID',
          `${where}.setWeight ${weight}: Argo Rollouts takes a whole percentage from 0 to 100`,
          { subject: `${where}.setWeight` },
        );
      }
      return { setWeight: weight };
    }
    if ('pause' in step) {
      const seconds = step.pause.seconds;
      if (seconds === undefined) return { pause: {} };
      return { pause: { duration: `${wholeNumber(seconds, `${where}.pause.seconds`)}s` } };
    }
    return { analysis: renderAnalysisRef(context, step.analysis, `${where}.analysis`) };
  });
  return {
    steps,
    ...(strategy.backgroundAnalysis === undefined
      ? {}
      : {
          analysis: renderAnalysisRef(
            context,
            strategy.backgroundAnalysis,
            'strategy.backgroundAnalysis',
          ),
        }),
  };
}

function renderBlueGreen(
  context: AnalysisContext,
  strategy: BlueGreenStrategy,
  services: ArgoServices,
): Record<string, unknown> {
  const auto = strategy.autoPromotionSeconds;
  return {
    activeService: services.active ?? context.rolloutName,
    previewService: services.preview ?? `${context.rolloutName}-preview`,
    // Argo promotes at once by default; Slipway waits for `rollout promote` unless told a delay.
    ...(auto === undefined
      ? { autoPromotionEnabled: false }
      : {
          autoPromotionEnabled: true,
          autoPromotionSeconds: wholeNumber(auto, 'strategy.autoPromotionSeconds'),
        }),
    scaleDownDelaySeconds: wholeNumber(
      strategy.scaleDownDelaySeconds ?? 30,
      'scaleDownDelaySeconds',
    ),
    ...analysisField(context, 'prePromotionAnalysis', strategy.prePromotionAnalysis),
    ...analysisField(context, 'postPromotionAnalysis', strategy.postPromotionAnalysis),
  };
}

function analysisField(
  context: AnalysisContext,
  field: 'prePromotionAnalysis' | 'postPromotionAnalysis',
  ref: AnalysisRef | undefined,
): Record<string, unknown> {
  return ref === undefined ? {} : { [field]: renderAnalysisRef(context, ref, `strategy.${field}`) };
}

/** Templates the strategy names, each once, in the order it first names them. */
function usedTemplates(spec: RolloutSpec): string[] {
  const strategy = spec.strategy;
  const refs: (AnalysisRef | undefined)[] =
    strategy.kind === 'canary'
      ? [
          ...strategy.steps.map((step) => ('analysis' in step ? step.analysis : undefined)),
          strategy.backgroundAnalysis,
        ]
      : strategy.kind === 'blue-green'
        ? [strategy.prePromotionAnalysis, strategy.postPromotionAnalysis]
        : [];
  return [...new Set(refs.flatMap((ref) => ref?.templates ?? []))];
}
