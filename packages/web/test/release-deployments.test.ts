import { describe, expect, it } from 'vitest';
import type { Deployment, Release } from '../src/api/api-types.js';
import { releaseDeployments } from '../src/releases/release-deployments.js';

const release: Release = {
  id: 'rel-2',
  service: 'api',
  version: '2.0.0',
  tag: null,
  commit: null,
  notes: null,
  artifacts: [],
  createdAt: '2026-11-20T00:00:00.000Z',
  createdBy: 'ci',
};

const deployment = (
  id: string,
  releaseId: string,
  environment: string,
  createdAt: string,
): Deployment => ({
  id,
  service: 'api',
  environment,
  releaseId,
  version: releaseId === 'rel-2' ? '2.0.0' : '1.0.0',
  digests: [],
  action: 'deploy',
  sourceEnvironment: null,
  strategy: 'direct',
  status: 'succeeded',
  actor: 'ci',
  createdAt,
  updatedAt: createdAt,
  finishedAt: createdAt,
  rollbackTarget: null,
  rollbackCommand: null,
});

describe('releaseDeployments', () => {
  it('groups the release’s own deployments by lifecycle environment, oldest first', () => {
    const grouped = releaseDeployments(
      release,
      [
        deployment('d4', 'rel-2', 'dev', '2026-11-22T00:00:00.000Z'),
        deployment('d3', 'rel-1', 'prod', '2026-11-21T00:00:00.000Z'),
        deployment('d2', 'rel-2', 'preview', '2026-11-21T00:00:00.000Z'),
        deployment('d1', 'rel-2', 'dev', '2026-11-20T00:00:00.000Z'),
      ],
      ['dev', 'staging', 'prod'],
    );
    expect(grouped.map((lane) => [lane.environment, lane.deployments.map((d) => d.id)])).toEqual([
      ['dev', ['d1', 'd4']],
      ['staging', []],
      ['prod', []],
      ['preview', ['d2']],
    ]);
  });
});
