import { describe, expect, it } from 'vitest';
import type { Rollout } from '@slipway/engine';
import { createOutput } from '../src/output.js';
import { printRollout } from '../src/commands/rollout-output.js';

const time = '2026-11-26T10:00:00.000Z';

const rollout: Rollout = {
  id: 'ro-1',
  deploymentId: 'dep-1',
  service: 'shop',
  environment: 'prod',
  version: '1.1.0',
  stableVersion: '1.0.0',
  spec: {
    strategy: {
      kind: 'canary',
      steps: [
        { setWeight: 20 },
        { analysis: { templates: ['errors', 'latency'] } },
        { pause: { seconds: 30 } },
        { setWeight: 100 },
      ],
    },
  },
  status: 'aborted',
  currentStep: 1,
  weight: 0,
  message: 'analysis errors failed: canary-error-rate',
  nextActionAt: null,
  createdBy: 'ci',
  createdAt: time,
  updatedAt: time,
  analysisRuns: [
    {
      id: 'run-1',
      rolloutId: 'ro-1',
      origin: '1',
      templates: ['errors', 'latency'],
      phase: 'failed',
      measurements: [
        { metric: 'canary-error-rate', phase: 'successful', value: [0.01], measuredAt: time },
        {
          metric: 'canary-error-rate',
          phase: 'failed',
          value: [0.3125],
          measuredAt: '2026-11-26T10:00:02.000Z',
          message: 'result[0] < 0.05 is false',
        },
      ],
      judgements: [
        {
          metric: 'latency',
          verdict: 'fail',
          reason: 'canary higher: p < 0.05 and beyond tolerance',
          u: 380,
          z: 3.1,
          pValue: 0.000968,
          estimate: 0.042,
          confidenceInterval: [0.018, 0.071],
          effectSize: 0.9,
          canarySamples: Array.from({ length: 20 }, (_, i) => 0.2 + i / 100),
          baselineSamples: Array.from({ length: 20 }, (_, i) => 0.15 + i / 100),
        },
      ],
      startedAt: time,
      finishedAt: '2026-11-26T10:00:02.000Z',
    },
  ],
};

function render(value: Rollout): string[] {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) };
  const output = createOutput(false, {
    stdout: stream as unknown as NodeJS.WritableStream,
    stderr: stream as unknown as NodeJS.WritableStream,
    env: {},
  });
  printRollout(value, output);
  return text.trimEnd().split('\n');
}

describe('rollout status, for people', () => {
  it('shows the step, the weight, why it ended, and each run with its latest measurements and verdicts', () => {
    expect(render(rollout)).toEqual([
      'shop 1.1.0 from 1.0.0 in prod: aborted canary step 2/4 (analysis errors, latency), weight 0% (ro-1)',
      `  deployment dep-1 · by ci · since ${time}`,
      '  message: analysis errors failed: canary-error-rate',
      `  analysis step 2 [errors, latency]: failed (run-1, ${time} → 2026-11-26T10:00:02.000Z)`,
      '    canary-error-rate: failed [0.3125] at 2026-11-26T10:00:02.000Z (1 successful, 1 failed) result[0] < 0.05 is false',
      '    judge latency: fail p=0.000968 estimate +0.042 [0.018, 0.071] effect 0.90 U=380 n=20/20 canary higher: p < 0.05 and beyond tolerance',
    ]);
  });

  it('describes pauses, the end of the steps, and blue-green and all-at-once rollouts', () => {
    const paused = render({
      ...rollout,
      status: 'paused',
      currentStep: 2,
      weight: 20,
      message: null,
      nextActionAt: '2026-11-26T10:00:32.000Z',
      analysisRuns: [],
    });
    expect(paused[0]).toContain('paused canary step 3/4 (pause 30s), weight 20%');
    expect(paused).toContain('  next action at 2026-11-26T10:00:32.000Z');
    const done = render({ ...rollout, status: 'succeeded', currentStep: 4, weight: 100 });
    expect(done[0]).toContain('succeeded canary step 4/4 (all done), weight 100%');
    const blueGreen = render({
      ...rollout,
      spec: { strategy: { kind: 'blue-green' } },
      status: 'paused',
      currentStep: 0,
      stableVersion: null,
      analysisRuns: [],
    });
    expect(blueGreen[0]).toBe(
      'shop 1.1.0 in prod: paused blue-green preview (not yet active), weight 0% (ro-1)',
    );
  });
});
