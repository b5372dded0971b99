import { describe, expect, it } from 'vitest';
import type { AnalysisRun, Rollout } from '../src/api/api-types.js';
import {
  actionsFor,
  numericValue,
  progressOf,
  seriesOf,
} from '../src/rollouts/rollout-progress.js';

const rollout = (patch: Partial<Rollout>): Rollout => ({
  id: 'ro-1',
  deploymentId: 'd-1',
  service: 'shop',
  environment: 'prod',
  version: '1.1.0',
  stableVersion: '1.0.0',
  spec: {
    strategy: {
      kind: 'canary',
      steps: [
        { setWeight: 10 },
        { analysis: { templates: ['errors'] } },
        { pause: {} },
        { setWeight: 50 },
      ],
    },
  },
  status: 'progressing',
  currentStep: 1,
  weight: 10,
  message: null,
  nextActionAt: null,
  createdBy: 'token:r',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:01:00.000Z',
  analysisRuns: [],
  ...patch,
});

describe('rollout progress', () => {
  it('says step i of n and what the step does', () => {
    expect(progressOf(rollout({}))).toEqual({
      step: 2,
      of: 4,
      done: false,
      describe: 'analysis errors',
    });
    expect(progressOf(rollout({ currentStep: 2, status: 'paused' })).describe).toBe(
      'pause until promoted',
    );
    expect(progressOf(rollout({ currentStep: 4, status: 'succeeded', weight: 100 }))).toEqual({
      step: 4,
      of: 4,
      done: true,
      describe: 'every step done',
    });
  });

  it('counts blue-green as preview then switch', () => {
    const blueGreen = rollout({ spec: { strategy: { kind: 'blue-green' } }, currentStep: 0 });
    expect(progressOf(blueGreen)).toMatchObject({ step: 1, of: 2 });
    expect(progressOf({ ...blueGreen, currentStep: 1 })).toMatchObject({ step: 2, of: 2 });
  });

  it('offers the buttons each status allows', () => {
    expect(actionsFor(rollout({}))).toEqual(['promote', 'pause', 'abort']);
    expect(actionsFor(rollout({ status: 'paused' }))).toEqual(['promote', 'resume', 'abort']);
    expect(actionsFor(rollout({ status: 'aborted' }))).toEqual(['retry']);
    expect(actionsFor(rollout({ status: 'frozen' }))).toEqual(['promote']);
    expect(actionsFor(rollout({ status: 'succeeded' }))).toEqual([]);
  });
});

describe('measurements for the chart', () => {
  it('reads numbers, numeric strings and the first of a list; nothing else', () => {
    expect(numericValue(0.98)).toBe(0.98);
    expect(numericValue('12.5')).toBe(12.5);
    expect(numericValue([3, 4])).toBe(3);
    expect(numericValue({ ok: true })).toBeNull();
    expect(numericValue(Number.NaN)).toBeNull();
  });

  it('groups the measurements of a run per metric in order', () => {
    const run: AnalysisRun = {
      id: 'ar-1',
      rolloutId: 'ro-1',
      origin: '1',
      templates: ['errors'],
      phase: 'running',
      measurements: [
        { metric: 'error-rate', phase: 'successful', value: [0.01], measuredAt: 't1' },
        { metric: 'latency', phase: 'successful', value: 120, measuredAt: 't1' },
        { metric: 'error-rate', phase: 'failed', value: 0.2, measuredAt: 't2' },
        { metric: 'latency', phase: 'error', value: null, measuredAt: 't2', message: 'down' },
      ],
      judgements: [],
      startedAt: 't0',
      finishedAt: null,
    };
    expect(seriesOf(run)).toEqual([
      {
        metric: 'error-rate',
        points: [
          { time: 't1', value: 0.01, phase: 'successful' },
          { time: 't2', value: 0.2, phase: 'failed' },
        ],
        other: 0,
      },
      { metric: 'latency', points: [{ time: 't1', value: 120, phase: 'successful' }], other: 1 },
    ]);
  });
});
