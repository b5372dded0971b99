import { describe, expect, it } from 'vitest';
import type { RolloutSpec } from '@slipway/core';
import { testDialects } from '@slipway/test-utils';
import { actor } from '../deployments/deployment-fixtures.js';
import { openRolloutTestEnv } from './rollout-test-env.js';
import type { RolloutTestEnv } from './rollout-test-env.js';

const address = 'http://127.0.0.1:9';
const router = { kind: 'command', command: ['true'] } as const;

const blueGreen: RolloutSpec = {
  strategy: {
    kind: 'blue-green',
    prePromotionAnalysis: { templates: ['latency'] },
    autoPromotionSeconds: 10,
    postPromotionAnalysis: { templates: ['errors'] },
    scaleDownDelaySeconds: 5,
  },
  trafficRouter: router,
  templates: [
    {
      name: 'latency',
      metrics: [
        {
          name: 'latency-judge',
          source: {
            judge: {
              address,
              canaryQuery: 'latency{version="{{args.version}}"}',
              baselineQuery: 'latency{version="{{args.stableVersion}}"}',
              direction: 'increase',
            },
          },
        },
      ],
    },
    {
      name: 'errors',
      metrics: [
        {
          name: 'errors',
          source: { prometheus: { address, query: 'errors{service="{{args.service}}"}' } },
          successCondition: 'result[0] < 1',
          intervalSeconds: 2,
          count: 2,
        },
      ],
    },
  ],
};

const steady = [101, 99, 100, 102, 98, 100, 101, 99, 100, 103, 97, 100];

async function deploy(env: RolloutTestEnv): Promise<string> {
  await env.deployments.deploy({ service: 'shop', environment: 'prod', ref: '1.1.0' }, actor);
  const [rollout] = await env.rollouts.listRollouts({ service: 'shop' });
  if (rollout === undefined) throw new Error('no rollout');
  return rollout.id;
}

describe.each(testDialects())('rollout analysis on %s', (dialect) => {
  it('blue-green: judged preview, auto-promotion, post-promotion analysis, scale-down delay', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning(blueGreen);
    env.metrics
      .setSamples('latency{version="1.1.0"}', steady)
      .setSamples('latency{version="1.0.0"}', [...steady].reverse())
      .setMeasurements('errors{service="shop"}', [[0], [0]]);
    const id = await deploy(env);
    expect(await env.rollouts.tick()).toMatchObject([{ status: 'progressing', weight: 0 }]);
    const [ready] = await env.rollouts.tick();
    expect(ready).toMatchObject({ status: 'paused', weight: 0, currentStep: 0 });
    const [pre] = ready?.analysisRuns ?? [];
    expect(pre).toMatchObject({ origin: 'pre-promotion', phase: 'successful' });
    // The judge's verdict is kept whole: statistic, p-value, effect size and the raw samples.
    expect(pre?.judgements).toMatchObject([
      { metric: 'latency-judge', verdict: 'pass', canarySamples: steady },
    ]);
    expect(pre?.judgements[0]?.baselineSamples).toHaveLength(12);
    expect(typeof pre?.judgements[0]?.pValue).toBe('number');
    env.advance(10);
    expect(await env.rollouts.tick()).toMatchObject([{ weight: 100, currentStep: 1 }]);
    await env.rollouts.tick();
    env.advance(2);
    expect(await env.rollouts.tick()).toMatchObject([{ currentStep: 2, status: 'progressing' }]);
    env.advance(5);
    expect(await env.rollouts.tick()).toMatchObject([{ status: 'succeeded' }]);
    const done = await env.rollouts.getRollout(id);
    expect(
      done.analysisRuns.map((run) => [run.origin, run.phase, run.measurements.length]),
    ).toEqual([
      ['pre-promotion', 'successful', 1],
      ['post-promotion', 'successful', 2],
    ]);
    expect(env.router.weights).toEqual([100]);
    expect(await env.eventTypes('rollout.analysis')).toHaveLength(4);
  });

  it('a failing background analysis aborts the canary in the middle of a pause', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning({
      strategy: {
        kind: 'canary',
        steps: [{ setWeight: 25 }, { pause: { seconds: 60 } }, { setWeight: 100 }],
        backgroundAnalysis: { templates: ['errors'] },
      },
      trafficRouter: router,
      templates: [
        {
          name: 'errors',
          metrics: [
            {
              name: 'errors',
              source: { prometheus: { address, query: 'errors' } },
              successCondition: 'result[0] < 1',
              intervalSeconds: 5,
            },
          ],
        },
      ],
    });
    env.metrics.setMeasurements('errors', [[0], [0], [3]]);
    const id = await deploy(env);
    await env.rollouts.tick();
    for (let i = 0; i < 2; i += 1) {
      expect(await env.rollouts.tick()).toMatchObject([{ status: 'paused', weight: 25 }]);
      env.advance(5);
    }
    expect(await env.rollouts.tick()).toMatchObject([
      { status: 'aborted', weight: 0, message: 'background analysis failed' },
    ]);
    expect(env.router.weights).toEqual([25, 0]);
    const rollout = await env.rollouts.getRollout(id);
    expect(rollout.analysisRuns[0]?.measurements.map((m) => m.phase)).toEqual([
      'successful',
      'successful',
      'failed',
    ]);
    expect(await env.deployments.getDeployment(rollout.deploymentId)).toMatchObject({
      status: 'failed',
    });
  });
});
