import type { RolloutSpec } from '@slipway/core';
import type { StoredAnalysisRun, StoredRollout } from '../../src/index.js';

export const canarySpec: RolloutSpec = {
  strategy: {
    kind: 'canary',
    steps: [{ setWeight: 20 }, { pause: { seconds: 2 } }, { setWeight: 50 }, { setWeight: 80 }],
  },
  trafficRouter: { kind: 'command', command: ['true'] },
};

export function storedRollout(overrides: Partial<StoredRollout> = {}): StoredRollout {
  return {
    id: 'r-1',
    deploymentId: 'd-1',
    service: 'shop',
    environment: 'prod',
    version: '1.1.0',
    stableVersion: '1.0.0',
    spec: canarySpec,
    status: 'progressing',
    currentStep: 0,
    weight: 0,
    message: null,
    nextActionAt: '2026-05-01T10:00:00.000Z',
    createdBy: 'alice',
    createdAt: '2026-05-01T10:00:00.000Z',
    updatedAt: '2026-05-01T10:00:00.000Z',
    attempt: 1,
    pause: null,
    acceptedRuns: [],
    timerAt: null,
    rollForward: null,
    flagSnapshot: [],
    revision: 1,
    claimedBy: null,
    claimedUntil: null,
    ...overrides,
  };
}

export function storedRun(overrides: Partial<StoredAnalysisRun> = {}): StoredAnalysisRun {
  return {
    id: 'a-1',
    rolloutId: 'r-1',
    attempt: 1,
    origin: '2',
    ref: { templates: ['success-rate'], args: { host: 'shop' } },
    templates: ['success-rate'],
    phase: 'running',
    measurements: [],
    judgements: [],
    nextMeasurementAt: '2026-05-01T10:00:00.000Z',
    startedAt: '2026-05-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}
