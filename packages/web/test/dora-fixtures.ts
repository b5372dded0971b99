import type {
  Deployment,
  DeploymentAction,
  DeploymentStatus,
  Release,
} from '../src/api/api-types.js';

/** Builders for the DORA unit tests: one service `api`, times in hours before `now`. */
export const hour = 3_600_000;
export const now = new Date('2026-11-29T00:00:00.000Z');
export const at = (hoursAgo: number): string =>
  new Date(now.getTime() - hoursAgo * hour).toISOString();

export const release = (
  version: string,
  createdHoursAgo: number,
  extra: { readonly commitHoursAgo?: number; readonly fixes?: string } = {},
): Release => ({
  id: `rel-${version}`,
  service: 'api',
  version,
  tag: `v${version}`,
  commit: null,
  ...(extra.commitHoursAgo === undefined ? {} : { firstCommitTime: at(extra.commitHoursAgo) }),
  ...(extra.fixes === undefined ? {} : { fixes: extra.fixes }),
  notes: null,
  artifacts: [],
  createdAt: at(createdHoursAgo),
  createdBy: 'ci',
});

let sequence = 0;
export const deployment = (
  version: string,
  environment: string,
  hoursAgo: number,
  status: DeploymentStatus = 'succeeded',
  action: DeploymentAction = 'promote',
): Deployment => ({
  id: `dep-${(sequence += 1)}`,
  service: 'api',
  environment,
  releaseId: `rel-${version}`,
  version,
  digests: [],
  action,
  sourceEnvironment: null,
  strategy: 'direct',
  status,
  actor: 'token:x',
  createdAt: at(hoursAgo + 0.1),
  updatedAt: at(hoursAgo),
  finishedAt: status === 'pending' || status === 'in_progress' ? null : at(hoursAgo),
  rollbackTarget: null,
  rollbackCommand: null,
});
