import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { RolloutSpec } from '@slipway/core';
import type { KubernetesObject } from '../../../src/index.js';
import { argoManifestsYaml, kubernetesName, renderArgoRollout } from '../../../src/index.js';
import { crdProblems } from './argo-crd-schema.js';
import { blueGreenSpec, canarySpec, judged, smoke, successRate } from './argo-spec-fixtures.js';

const base = { service: 'checkout', environment: 'prod', version: '2.4.0' };

const canaryInput = {
  ...base,
  image: 'ghcr.io/acme/checkout:2.4.0',
  namespace: 'shop',
  spec: canarySpec,
  containerPort: 8080,
  replicas: 4,
  services: { stable: 'checkout-stable', canary: 'checkout-canary' },
};

function expectValid(objects: readonly KubernetesObject[]): void {
  for (const object of objects) {
    expect(crdProblems(object), `${object.kind} ${object.metadata.name}`).toEqual([]);
  }
}

function rolloutOf(objects: readonly KubernetesObject[]): KubernetesObject {
  const rollout = objects.find((object) => object.kind === 'Rollout');
  if (rollout === undefined) throw new Error('no Rollout rendered');
  return rollout;
}

describe('renderArgoRollout', () => {
  it('renders a canary as the expected resources (fixture), valid against the CRD schema', () => {
    const objects = renderArgoRollout(canaryInput);
    expectValid(objects);
    const yaml = argoManifestsYaml(objects);
    expect(yaml).toBe(
      readFileSync(new URL('./fixtures/canary-checkout.yaml', import.meta.url), 'utf8'),
    );
    // The YAML stream reads back as the objects: templates first, then the Rollout.
    const documents = parseAllDocuments(yaml, { version: '1.1' });
    expect(Array.isArray(documents) ? documents.map((doc) => doc.toJS() as unknown) : []).toEqual(
      objects,
    );
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([
      'AnalysisTemplate/checkout-success-rate',
      'AnalysisTemplate/checkout-smoke',
      'Rollout/checkout',
    ]);
  });

  it('translates each canary step kind and the background analysis', () => {
    const strategy = rolloutOf(renderArgoRollout(canaryInput)).spec['strategy'] as {
      canary: { steps: unknown[]; analysis: unknown };
    };
    expect(strategy.canary.steps.slice(0, 5)).toEqual([
      { setWeight: 10 },
      { pause: { duration: '60s' } },
      {
        analysis: {
          templates: [{ templateName: 'checkout-success-rate' }],
          // threshold has a default in its template: left to it.
          args: [
            { name: 'service', value: 'checkout' },
            { name: 'canaryHash', valueFrom: { podTemplateHashValue: 'Latest' } },
          ],
        },
      },
      { setWeight: 50 },
      { pause: {} },
    ]);
    // Step arguments win over the spec's; the template default fills what nobody gives.
    expect(strategy.canary.steps[5]).toMatchObject({
      analysis: {
        args: expect.arrayContaining([{ name: 'token', value: 'from-the-step' }]) as unknown,
      },
    });
    expect(strategy.canary.analysis).toMatchObject({
      args: expect.arrayContaining([{ name: 'threshold', value: '0.9' }]) as unknown,
    });
  });

  it('keeps Slipway blue-green meaning: no auto-promotion unless a delay is given', () => {
    const auto = renderArgoRollout({ ...base, spec: blueGreenSpec });
    expectValid(auto);
    expect(rolloutOf(auto).spec['strategy']).toMatchObject({
      blueGreen: {
        activeService: 'checkout',
        previewService: 'checkout-preview',
        autoPromotionEnabled: true,
        autoPromotionSeconds: 120,
        scaleDownDelaySeconds: 600,
        prePromotionAnalysis: { templates: [{ templateName: 'checkout-smoke' }] },
        postPromotionAnalysis: {
          templates: [
            { templateName: 'checkout-success-rate' },
            { templateName: 'checkout-smoke' },
          ],
        },
      },
    });
    const manual = renderArgoRollout({
      ...base,
      services: { active: 'live', preview: 'next' },
      spec: { strategy: { kind: 'blue-green' } },
    });
    expectValid(manual);
    expect(rolloutOf(manual).spec['strategy']).toEqual({
      blueGreen: {
        activeService: 'live',
        previewService: 'next',
        autoPromotionEnabled: false,
        scaleDownDelaySeconds: 30,
      },
    });
    expect(manual).toHaveLength(1);
  });

  it('renders all-at-once as a canary without steps, and names from any service name', () => {
    const objects = renderArgoRollout({
      service: '@acme/Shop_API',
      environment: 'prod',
      version: '1.0.0+build.7',
      spec: { strategy: { kind: 'all-at-once' }, templates: [judged] },
    });
    expectValid(objects);
    expect(objects).toHaveLength(1);
    const rollout = rolloutOf(objects);
    expect(rollout.metadata.name).toBe('acme-shop-api');
    expect(rollout.metadata.annotations?.['slipway.dev/version']).toBe('1.0.0+build.7');
    expect(rollout.spec['strategy']).toEqual({ canary: {} });
    expect(() => kubernetesName('@@@', 'service')).toThrow(/service "@@@"/);
    expect(kubernetesName('x'.repeat(80), 'service')).toHaveLength(63);
  });

  it('refuses judge metrics, which Argo cannot run, naming the template and metric', () => {
    const spec: RolloutSpec = {
      strategy: { kind: 'canary', steps: [{ analysis: { templates: ['latency-judge'] } }] },
      templates: [judged],
    };
    expect(() => renderArgoRollout({ ...base, spec })).toThrow(
      expect.objectContaining({
        code: 'REFUSED',
        subject: 'templates.latency-judge.metrics.p99-latency',
      }) as Error,
    );
  });

  it('refuses what Argo would reject later: unknown templates, missing args, odd numbers', () => {
    const refused = (spec: RolloutSpec): unknown => {
      try {
        renderArgoRollout({ ...base, spec });
      } catch (error) {
        return error;
      }
      throw new Error('rendered');
    };
    expect(
      refused({
        strategy: { kind: 'canary', steps: [{ analysis: { templates: ['nope'] } }] },
        templates: [smoke],
      }),
    ).toMatchObject({
      code: 'CONFIG_INVALID',
      hint: 'one of smoke',
    });
    expect(
      refused({
        strategy: { kind: 'blue-green', prePromotionAnalysis: { templates: ['smoke'] } },
        templates: [smoke],
      }),
    ).toMatchObject({ subject: 'strategy.prePromotionAnalysis.args.token' });
    expect(refused({ strategy: { kind: 'canary', steps: [{ setWeight: 12.5 }] } })).toMatchObject({
      subject: 'strategy.steps[0].setWeight',
    });
    expect(
      refused({ strategy: { kind: 'canary', steps: [{ pause: { seconds: 1.5 } }] } }),
    ).toMatchObject({
      subject: 'strategy.steps[0].pause.seconds',
    });
    expect(
      refused({
        strategy: { kind: 'canary', steps: [{ analysis: { templates: ['success-rate'] } }] },
        templates: [
          {
            ...successRate,
            metrics: successRate.metrics.map((metric) => ({ ...metric, count: -1 })),
          },
        ],
      }),
    ).toMatchObject({ subject: 'templates.success-rate.metrics.success-rate.count' });
  });
});

describe('the CRD schema fixture', () => {
  it('rejects what the CRD rejects, so a passing render means something', () => {
    const [template, rollout] = renderArgoRollout({
      ...base,
      spec: {
        strategy: { kind: 'canary', steps: [{ analysis: { templates: ['smoke'] } }] },
        templates: [smoke],
        args: { token: 't' },
      },
    }) as [KubernetesObject, KubernetesObject];
    const spec = rollout.spec as Record<string, unknown>;
    const broken = (patch: Record<string, unknown>): KubernetesObject => ({
      ...rollout,
      spec: { ...spec, ...patch },
    });
    expect(
      crdProblems(broken({ strategy: { canary: { steps: [{ setWeight: '10' }] } } })),
    ).not.toEqual([]);
    expect(
      crdProblems(broken({ strategy: { canary: { steps: [{ setWeight: 10, pause: {} }] } } })),
    ).not.toEqual([]);
    expect(crdProblems(broken({ strategy: { blueGreen: { previewService: 'x' } } }))).not.toEqual(
      [],
    );
    expect(crdProblems(broken({ strategy: { canary: { stepz: [] } } }))).not.toEqual([]);
    expect(crdProblems(broken({ replicas: 2 ** 31 }))).not.toEqual([]);
    expect(
      crdProblems(broken({ template: { spec: { containers: [{ image: 'x' }] } } })),
    ).not.toEqual([]);
    expect(crdProblems({ ...rollout, metadata: { name: 'Not_A_Name' } })).not.toEqual([]);
    const metrics = (template.spec as { metrics: Record<string, unknown>[] }).metrics;
    const brokenTemplate = (metric: Record<string, unknown>): KubernetesObject => ({
      ...template,
      spec: { ...template.spec, metrics: [{ ...metrics[0], ...metric }] },
    });
    expect(crdProblems(brokenTemplate({ provider: { web: { jsonPath: '{$.ok}' } } }))).not.toEqual(
      [],
    );
    expect(crdProblems(brokenTemplate({ provider: {} }))).not.toEqual([]);
    expect(crdProblems(brokenTemplate({ interval: '30 seconds' }))).not.toEqual([]);
    expect(
      crdProblems(brokenTemplate({ provider: { web: { url: 'u', headers: { a: 'b' } } } })),
    ).not.toEqual([]);
  });
});
