import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { createLedgerService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

/** The built engine (npm test builds first): child processes run plain Node, as servers would. */
const builtEngine = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const perProcess = 100;

// Each process appends in its own transactions while the other does the same: the chain head
// (a row lock in PostgreSQL, BEGIN IMMEDIATE and the busy timeout in SQLite) must serialize them.
const script = `
const { createLedgerService, openDatabase } = await import(process.env.ENGINE);
const { db, close } = await openDatabase({ url: process.env.URL });
const ledger = createLedgerService(db);
const writer = process.env.WRITER;
await Promise.all(Array.from({ length: Number(process.env.COUNT) }, (_, index) =>
  db.transaction().execute((trx) =>
    ledger.appendEvent(trx, { type: 'load.test', subject: 'subject/' + index, actor: writer, payload: { index } }))));
await close();
`;

function appendFromProcess(url: string, writer: string): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      ENGINE: builtEngine,
      URL: url,
      WRITER: writer,
      COUNT: String(perProcess),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? -1, stderr })),
  );
}

describe.each(testDialects())('appends from two processes on %s', (dialect) => {
  it(`${perProcess * 2} events from two processes form one gapless chain`, async () => {
    if (!existsSync(builtEngine)) throw new Error(`${builtEngine} is missing: run npm run build`);
    const database = await openMigratedTestDatabase(dialect);
    const results = await Promise.all([
      appendFromProcess(database.url, 'one'),
      appendFromProcess(database.url, 'two'),
    ]);
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    const ledger = createLedgerService(database.db);
    expect(await ledger.verifyLedger()).toEqual({
      ok: true,
      events: perProcess * 2,
      firstBroken: null,
    });
    const byWriter = await Promise.all(
      ['one', 'two'].map(async (actor) => (await ledger.listEvents({ actor, limit: 1000 })).events),
    );
    expect(byWriter.map((events) => events.length)).toEqual([perProcess, perProcess]);
  });
});
