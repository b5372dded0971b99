/**
 * `npm run bench` (second part): the control plane's storage.
 * - Ledger events appended per second, each in its own transaction, against plain one-row insert
 *   transactions into the same database (the baseline), on SQLite and on PostgreSQL.
 * - `status` latency with 1,000 services × 4 environments and 100,000 ledger events, server side
 *   (the control plane call) and over HTTP, against a raw select of the same rows.
 * PostgreSQL runs when SLIPWAY_TEST_PG_URL (or SLIPWAY_BENCH_PG_URL) names a server.
 * BENCH_SERVICES and BENCH_EVENTS shrink the status data set for a quick run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import type { ControlPlane, EmbeddedControlPlane, OpenDatabase } from '@slipway/engine';
import {
  createEmbeddedControlPlane,
  createLedgerService,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';
import { createServer } from '@slipway/server';

const appends = Number(process.env['BENCH_APPENDS'] ?? 2000);
const serviceCount = Number(process.env['BENCH_SERVICES'] ?? 1000);
const eventTarget = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const environments = ['dev', 'test', 'staging', 'prod'];
const actor = { actor: 'bench' };

interface Target {
  readonly dialect: 'sqlite' | 'postgres';
  readonly url: string;
  drop(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  return {
    dialect: 'sqlite',
    url: join(dir, 'slipway.db'),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const name = `slipway_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Appends per second through the ledger, and plain one-row transactions as the baseline. */
async function appendRates(database: OpenDatabase): Promise<{ ledger: number; plain: number }> {
  const { db } = database;
  await sql`create table bench_rows (id varchar(64) primary key, payload text not null)`.execute(
    db,
  );
  const payload = JSON.stringify({
    service: 'bench',
    version: '1.0.0',
    digests: ['sha256:' + '0'.repeat(64)],
  });
  const plainMs = await timed(async () => {
    for (let index = 0; index < appends; index++) {
      await db.transaction().execute(async (trx) => {
        await sql`insert into bench_rows (id, payload) values (${`row-${index}`}, ${payload})`.execute(
          trx,
        );
      });
    }
  });
  const ledger = createLedgerService(db);
  const ledgerMs = await timed(async () => {
    for (let index = 0; index < appends; index++) {
      await ledger.append({
        type: 'bench.appended',
        subject: `bench:${index % 100}`,
        actor: 'bench',
        payload: JSON.parse(payload) as never,
      });
    }
  });
  return { ledger: (appends / ledgerMs) * 1000, plain: (appends / plainMs) * 1000 };
}

const digestOf = (index: number): string =>
  `sha256:${index.toString(16).padStart(8, '0').repeat(8)}`;

/** 1,000 services, each with a release deployed through all four environments. */
async function seedDeployments(controlPlane: ControlPlane): Promise<void> {
  for (let index = 0; index < serviceCount; index++) {
    const name = `svc-${index}`;
    await controlPlane.addService({ name, lifecycle: environments }, actor);
    const digest = digestOf(index);
    await controlPlane.registerArtifact(
      {
        digest,
        name: `${name}-1.0.0.whl`,
        kind: 'wheel',
        size: 1000 + index,
        service: name,
        version: '1.0.0',
      },
      actor,
    );
    await controlPlane.createRelease(
      {
        service: name,
        version: '1.0.0',
        artifacts: [digest],
        rollForward: { reason: 'first release', steps: ['release a fix'] },
      },
      actor,
    );
    await controlPlane.deploy({ service: name, environment: 'dev', ref: '1.0.0' }, actor);
    for (let env = 1; env < environments.length; env++) {
      await controlPlane.promote(
        { service: name, from: environments[env - 1] ?? '', to: environments[env] ?? '' },
        actor,
      );
    }
  }
}

/** Pads the ledger to the target with events in batches (one transaction per batch). */
async function padLedger(database: OpenDatabase, controlPlane: ControlPlane): Promise<number> {
  const ledger = createLedgerService(database.db);
  let count = (await controlPlane.verifyLedger()).events;
  while (count < eventTarget) {
    const batch = Math.min(1000, eventTarget - count);
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < batch; index++) {
        await ledger.appendEvent(trx, {
          type: 'bench.padding',
          subject: `service:svc-${(count + index) % serviceCount}`,
          actor: 'bench',
          payload: { index: count + index },
        });
      }
    });
    count += batch;
  }
  return count;
}

async function statusLatency(database: OpenDatabase, controlPlane: EmbeddedControlPlane) {
  const runs = 21;
  const server = createServer({ db: database.db, controlPlane, tokens: controlPlane.tokens });
  const { secret } = await controlPlane.createToken({ role: 'viewer' }, actor);
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  const raw: number[] = [];
  const call: number[] = [];
  const http: number[] = [];
  let shape = 0;
  for (let run = 0; run < runs; run++) {
    raw.push(await timed(() => sql`select * from environment_state`.execute(database.db)));
    call.push(
      await timed(async () => {
        shape = (await controlPlane.status()).services.length;
      }),
    );
    http.push(
      await timed(async () => {
        const response = await fetch(`${address}/api/status`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        await response.arrayBuffer();
      }),
    );
  }
  await server.close();
  return { raw: median(raw), call: median(call), http: median(http), services: shape };
}

async function benchDialect(target: Target): Promise<string[]> {
  const lines: string[] = [];
  const database = await openDatabase({ url: target.url });
  try {
    await migrateToLatest(database.db);
    const rates = await appendRates(database);
    lines.push(
      `| ${target.dialect} | ledger append | ${rates.ledger.toFixed(0)} events/s | plain one-row transaction: ${rates.plain.toFixed(0)}/s | ${(rates.ledger / rates.plain).toFixed(2)} |`,
    );
    const blobDir = mkdtempSync(join(tmpdir(), 'slipway-bench-blobs-'));
    const controlPlane = createEmbeddedControlPlane({ db: database.db, blobDir });
    const seedMs = await timed(() => seedDeployments(controlPlane));
    const events = await padLedger(database, controlPlane);
    const latency = await statusLatency(database, controlPlane);
    rmSync(blobDir, { recursive: true, force: true });
    const deploymentsPerSecond = ((serviceCount * environments.length) / seedMs) * 1000;
    lines.push(
      `| ${target.dialect} | deployments (record deployer, sequential) | ${deploymentsPerSecond.toFixed(0)}/s | | |`,
    );
    lines.push(
      `| ${target.dialect} | \`status\`, ${latency.services} services × ${environments.length} envs, ${events} events: server side | ${latency.call.toFixed(1)} ms | raw select of the rows: ${latency.raw.toFixed(1)} ms | ${(latency.call / latency.raw).toFixed(2)} |`,
    );
    lines.push(
      `| ${target.dialect} | same, \`GET /api/status\` over loopback HTTP | ${latency.http.toFixed(1)} ms | | ${(latency.http / latency.raw).toFixed(2)} |`,
    );
  } finally {
    await database.close();
    await target.drop();
  }
  return lines;
}

async function main(): Promise<void> {
  const pgUrl = process.env['SLIPWAY_BENCH_PG_URL'] ?? process.env['SLIPWAY_TEST_PG_URL'];
  const targets = [
    await sqliteTarget(),
    ...(pgUrl === undefined ? [] : [await postgresTarget(pgUrl)]),
  ];
  console.log('');
  console.log('### Control plane storage');
  console.log('');
  console.log('| database | measure | figure | baseline (same run) | ratio |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const target of targets) {
    for (const line of await benchDialect(target)) console.log(line);
  }
}

await main();
