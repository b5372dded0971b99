import { describe, expect, it } from 'vitest';
import type { Service, StatusView } from '../src/api/api-types.js';
import { catalogRows, choicesOf, filterRows } from '../src/catalog/catalog-matrix.js';

const service = (name: string, fields: Partial<Service> = {}): Service => ({
  name,
  owner: null,
  repository: null,
  kind: 'service',
  riskTier: 'standard',
  lifecycle: ['dev', 'staging', 'prod'],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...fields,
});

const running = (version: string, digest: string) => ({
  version,
  digests: [digest],
  deployedAt: '2026-11-20T10:00:00.000Z',
  actor: 'token:abc',
});

const status: StatusView = {
  services: [
    {
      name: 'api',
      environments: {
        dev: running('1.3.0', 'sha256:c'),
        staging: running('1.2.0', 'sha256:b'),
        prod: running('1.2.0', 'sha256:b'),
      },
    },
    { name: 'web', environments: { dev: running('2.0.0', 'sha256:w') } },
  ],
};

describe('catalogRows', () => {
  const rows = catalogRows(
    [
      service('api', { owner: 'payments', riskTier: 'high' }),
      service('web', { owner: 'front' }),
      service('idle'),
    ],
    status,
  );

  it('puts what runs in each lifecycle environment in promotion order', () => {
    const api = rows[0];
    expect(api?.cells.map((cell) => [cell.environment, cell.running?.version ?? null])).toEqual([
      ['dev', '1.3.0'],
      ['staging', '1.2.0'],
      ['prod', '1.2.0'],
    ]);
    expect(rows[2]?.cells.every((cell) => cell.running === null)).toBe(true);
  });

  it('names what an earlier environment runs that the next one does not', () => {
    expect(rows[0]?.drift).toEqual([
      { from: 'dev', to: 'staging', version: '1.3.0', behind: '1.2.0' },
    ]);
    expect(rows[1]?.drift).toEqual([
      { from: 'dev', to: 'staging', version: '2.0.0', behind: null },
    ]);
    expect(rows[2]?.drift).toEqual([]);
  });

  it('compares digests, so one version rebuilt differently is drift', () => {
    const rebuilt: StatusView = {
      services: [
        {
          name: 'api',
          environments: {
            dev: running('1.0.0', 'sha256:x'),
            staging: running('1.0.0', 'sha256:y'),
          },
        },
      ],
    };
    const [row] = catalogRows([service('api', { lifecycle: ['dev', 'staging'] })], rebuilt);
    expect(row?.drift).toEqual([{ from: 'dev', to: 'staging', version: '1.0.0', behind: '1.0.0' }]);
  });

  it('filters by search over name, owner and versions, by owner, tier and drift', () => {
    const all = { search: '', owner: '', tier: '', driftOnly: false };
    const names = (filter: typeof all): string[] =>
      filterRows(rows, filter).map((row) => row.service.name);
    expect(names({ ...all, search: 'PAY' })).toEqual(['api']);
    expect(names({ ...all, search: '2.0.0' })).toEqual(['web']);
    expect(names({ ...all, owner: 'front' })).toEqual(['web']);
    expect(names({ ...all, tier: 'high' })).toEqual(['api']);
    expect(names({ ...all, driftOnly: true })).toEqual(['api', 'web']);
    expect(names(all)).toEqual(['api', 'web', 'idle']);
  });

  it('offers each owner once, sorted, without the empty one', () => {
    expect(choicesOf(['b', null, 'a', 'b', ''])).toEqual(['a', 'b']);
  });
});
