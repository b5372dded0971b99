import { createHash } from 'node:crypto';
import type { NewRelease, ReleaseRecord, Service } from '../../src/index.js';

export const actor = { actor: 'alice' };

export function digestOf(content: string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

export function service(name: string, fields: Partial<Service> = {}): Service {
  return {
    name,
    owner: 'team-a',
    repository: null,
    kind: 'service',
    riskTier: 'standard',
    lifecycle: ['dev', 'staging', 'prod'],
    entityRef: null,
    stage: null,
    deployer: null,
    allowSkip: false,
    rollout: null,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...fields,
  };
}

/** A release of `name` at `version` with two artifacts whose digests follow from the version. */
export function releaseInput(
  name: string,
  version: string,
  fields: Partial<NewRelease> = {},
): NewRelease & { artifacts: readonly string[] } {
  return {
    service: name,
    version,
    tag: `v${version}`,
    artifacts: [digestOf(`${name}-${version}.whl`), digestOf(`${name}-${version}.tar.gz`)],
    components: [],
    rollForward: null,
    ...fields,
  };
}

export function releaseRecord(
  name: string,
  version: string,
  fields: Partial<NewRelease> = {},
): ReleaseRecord {
  const input = releaseInput(name, version, fields);
  return {
    id: `rel-${name}-${version}`,
    service: name,
    version,
    tag: input.tag ?? null,
    commit: null,
    notes: null,
    artifacts: input.artifacts,
    components: input.components ?? [],
    rollForward: input.rollForward ?? null,
    createdAt: '2026-03-01T00:00:00.000Z',
    createdBy: 'ci',
  };
}

/** A clock that moves one second per call, so newest-first orders are stable. */
export function ticking(start = '2026-03-02T00:00:00.000Z'): () => Date {
  let tick = Date.parse(start);
  return () => new Date((tick += 1_000));
}
