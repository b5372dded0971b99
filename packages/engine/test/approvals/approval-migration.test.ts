import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabases, testDialects } from '@slipway/test-utils';
import { migrateToLatest, openDatabase } from '../../src/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import type { ChangeRequestsTable } from '../../src/index.js';

afterAll(() => dropTestDatabases());

/** Every shipped migration before 0012: a database as it was when duplicates could happen. */
const before0012 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0012'));

async function migrateBefore0012(url: string): Promise<void> {
  const { db, close } = await openDatabase({ url });
  try {
    await migrateToLatest(db, before0012);
  } finally {
    await close();
  }
}

function request(id: string, createdAt: string, status = 'open'): ChangeRequestsTable {
  return {
    id,
    service: 'pay',
    environment: 'prod',
    release_id: 'release-1',
    version: '1.0.0',
    digests: '[]',
    strategy: 'all-at-once',
    requester: 'rita',
    status,
    content: '{}',
    content_digest: 'sha256:0',
    deployment_id: null,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

describe.each(testDialects())('migration 0012 on %s', (dialect) => {
  it('closes older duplicate pending requests, then keeps one pending request per release', async () => {
    const target = await createTestDatabase(dialect, migrateBefore0012);
    const { db, close } = await openDatabase({ url: target.url });
    try {
      const requests = db.withTables<{ change_requests: ChangeRequestsTable }>();
      await requests
        .insertInto('change_requests')
        .values([
          request('a', '2026-11-01T10:00:00.000Z'),
          request('b', '2026-11-01T11:00:00.000Z', 'approved'),
          request('c', '2026-11-01T09:00:00.000Z', 'deployed'),
          { ...request('d', '2026-11-01T08:00:00.000Z'), environment: 'staging' },
        ])
        .execute();
      await migrateToLatest(db);
      const rows = await requests
        .selectFrom('change_requests')
        .select(['id', 'status'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'a', status: 'rejected' },
        { id: 'b', status: 'approved' },
        { id: 'c', status: 'deployed' },
        { id: 'd', status: 'open' },
      ]);
      await expect(
        requests
          .insertInto('change_requests')
          .values(request('e', '2026-11-02T00:00:00.000Z'))
          .execute(),
      ).rejects.toThrow();
      await requests
        .insertInto('change_requests')
        .values(request('f', '2026-11-02T00:00:00.000Z', 'rejected'))
        .execute();
    } finally {
      await close();
      await target.drop();
    }
  });
});
