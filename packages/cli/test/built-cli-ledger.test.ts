import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestDialect } from '@slipway/test-utils';
import {
  createTestDatabase,
  dropTestDatabases,
  makeTempDir,
  testDialects,
} from '@slipway/test-utils';
import { createLedgerService, migrateToLatest, openDatabase } from '@slipway/engine';
import type { LedgerEvent, OpenDatabase } from '@slipway/engine';
import { runBuiltCli } from './run-built-cli.js';

const migrate = async (url: string): Promise<void> => {
  const { db, close } = await openDatabase({ url });
  await migrateToLatest(db);
  await close();
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await dropTestDatabases();
});

interface Fixture {
  readonly database: OpenDatabase;
  readonly events: readonly LedgerEvent[];
  /** How the CLI reaches the same database: --data-dir for SQLite, the URL variable otherwise. */
  run(args: readonly string[]): ReturnType<typeof runBuiltCli>;
}

async function ledgerWithEvents(dialect: TestDialect): Promise<Fixture> {
  const target = await createTestDatabase(dialect, migrate);
  const database = await openDatabase({ url: target.url });
  cleanups.push(async () => {
    await database.close();
    await target.drop();
  });
  let tick = Date.parse('2026-02-01T00:00:00.000Z');
  const ledger = createLedgerService(database.db, { now: () => new Date((tick += 3_600_000)) });
  const events: LedgerEvent[] = [];
  for (const [type, subject, actor] of [
    ['service.registered', 'service/api', 'alice'],
    ['deployment.created', 'service/api', 'ci'],
    ['service.registered', 'service/web', 'bob'],
    ['deployment.created', 'service/web', 'ci'],
    ['deployment.succeeded', 'service/web', 'ci'],
  ] as const) {
    events.push(
      await ledger.append({ type, subject, actor, payload: { note: `${type} ${subject}` } }),
    );
  }
  const env = { SLIPWAY_DATABASE_URL: dialect === 'postgres' ? target.url : '' };
  const location = dialect === 'postgres' ? [] : ['--data-dir', dirname(target.url)];
  return {
    database,
    events,
    run: (args) => runBuiltCli([...args, ...location], { env }),
  };
}

describe.each(testDialects())('slipway ledger (built CLI) on %s', (dialect) => {
  it('verify reports an intact chain', async () => {
    const fixture = await ledgerWithEvents(dialect);
    const human = fixture.run(['ledger', 'verify']);
    expect(human).toMatchObject({ status: 0, stderr: '' });
    expect(human.stdout).toBe('ok: 5 events, the chain is intact\n');
    const json = fixture.run(['ledger', 'verify', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, events: 5, firstBroken: null });
  });

  it('verify exits 1 and names the tampered event', async () => {
    const fixture = await ledgerWithEvents(dialect);
    const victim = fixture.events[2];
    if (victim === undefined) throw new Error('expected five events');
    await sql`update ledger_events set payload = '{"note":"rewritten"}' where id = ${victim.id}`.execute(
      fixture.database.db,
    );
    const human = fixture.run(['ledger', 'verify']);
    expect(human.status).toBe(1);
    expect(human.stderr).toContain(
      `the ledger is broken at event 3 (${victim.id}): hash-mismatch: stored hash ${victim.hash}`,
    );
    const json = fixture.run(['ledger', 'verify', '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      events: 2,
      firstBroken: { sequence: 3, id: victim.id, reason: 'hash-mismatch' },
    });
  });

  it('list filters by subject, type, actor and time, and pages', async () => {
    const fixture = await ledgerWithEvents(dialect);
    const sequences = (args: readonly string[]): number[] => {
      const result = fixture.run(['ledger', 'list', '--json', ...args]);
      expect(result).toMatchObject({ status: 0, stderr: '' });
      const page = JSON.parse(result.stdout) as { events: LedgerEvent[] };
      return page.events.map((event) => event.sequence);
    };
    expect(sequences([])).toEqual([1, 2, 3, 4, 5]);
    expect(sequences(['--subject', 'service/web'])).toEqual([3, 4, 5]);
    expect(sequences(['--type', 'deployment.created', '--actor', 'ci'])).toEqual([2, 4]);
    expect(
      sequences(['--since', '2026-02-01T02:00:00Z', '--until', '2026-02-01T04:00:00Z']),
    ).toEqual([2, 3]);
    expect(sequences(['--limit', '2', '--after', '2'])).toEqual([3, 4]);
    const page = fixture.run(['ledger', 'list', '--json', '--limit', '2']);
    expect(JSON.parse(page.stdout)).toMatchObject({ nextAfter: 2 });

    const human = fixture.run(['ledger', 'list', '--subject', 'service/api']);
    expect(human.stdout).toBe(
      [
        '     1 2026-02-01T01:00:00.000Z service.registered service/api alice',
        '     2 2026-02-01T02:00:00.000Z deployment.created service/api ci',
        '',
      ].join('\n'),
    );
  });

  it('list refuses a bad time with a usage error', async () => {
    const fixture = await ledgerWithEvents(dialect);
    const result = fixture.run(['ledger', 'list', '--since', 'last tuesday']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('since is not an ISO 8601 date or time: last tuesday');
  });
});

describe('slipway ledger (built CLI), embedded default', () => {
  it('reads .slipway/slipway.db under --cwd when no directory or URL is given', async () => {
    const project = makeTempDir();
    const { db, close } = await openDatabase({ url: join(project.path, '.slipway', 'slipway.db') });
    try {
      await migrateToLatest(db);
      await createLedgerService(db).append({
        type: 'service.registered',
        subject: 's',
        actor: 'a',
      });
    } finally {
      await close();
    }
    const result = runBuiltCli(['ledger', 'verify', '-C', project.path], {
      env: { SLIPWAY_DATABASE_URL: '' },
    });
    expect(result).toMatchObject({ status: 0, stdout: 'ok: 1 event, the chain is intact\n' });
    project.cleanup();
  });
});
