import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { makeTempDir } from './temp-dir.js';

export type TestDialect = 'sqlite' | 'postgres';

export interface TestDatabase {
  readonly dialect: TestDialect;
  /** What `openDatabase({ url })` takes: an SQLite file path or a postgres:// URL. */
  readonly url: string;
  /** Removes the database (PostgreSQL) or its directory (SQLite); safe to call twice. */
  drop(): Promise<void>;
}

/** Brings an empty database to the schema under test (the engine's migrateToLatest). */
export type PrepareTestDatabase = (url: string) => Promise<void>;

/** SQLite always; PostgreSQL too when SLIPWAY_TEST_PG_URL is set (CI sets it). */
export function testDialects(env: NodeJS.ProcessEnv = process.env): TestDialect[] {
  return postgresAdminUrl(env) === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
}

/**
 * A fresh, prepared database. PostgreSQL databases are copies of a template prepared once per
 * process (CREATE DATABASE … TEMPLATE), so each test file gets its own database in
 * milliseconds. A server that does not answer fails the test: it is never skipped.
 */
export async function createTestDatabase(
  dialect: TestDialect,
  prepare: PrepareTestDatabase,
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = makeTempDir('slipway-db-');
    const url = join(dir.path, 'slipway.db');
    await prepare(url);
    return { dialect, url, drop: () => Promise.resolve(dir.cleanup()) };
  }
  const adminUrl = postgresAdminUrl(process.env);
  if (adminUrl === undefined) throw new Error('SLIPWAY_TEST_PG_URL is not set');
  const template = await templateFor(adminUrl, prepare);
  const name = uniqueName('slipway_test');
  // The template's preparing pool may still be exiting: a copy needs it to be alone.
  await whileInUse(() => adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`));
  created.add(name);
  return {
    dialect,
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      if (!created.delete(name)) return;
      await dropDatabase(adminUrl, name);
    },
  };
}

/** Drops every PostgreSQL database and template this process created (call in afterAll). */
export async function dropTestDatabases(): Promise<void> {
  const adminUrl = postgresAdminUrl(process.env);
  if (adminUrl === undefined) return;
  const names = [...created, ...(await Promise.all(templates.values()))];
  created.clear();
  templates.clear();
  for (const name of names) await dropDatabase(adminUrl, name);
}

/** How long to wait for closed pools' server processes to exit. */
const inUsePatienceMs = 5_000;

/**
 * A closed pg pool has sent its goodbyes, but the server processes may not have exited yet, and
 * forcing them out would send those clients a late FATAL error. So wait for them; a drop forces
 * only connections someone forgot to close.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const dropped = await whileInUse(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name}`))
    .then(() => true)
    .catch((error: unknown) => {
      if (isInUse(error)) return false;
      throw error;
    });
  if (!dropped) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Retries while PostgreSQL answers "database is being accessed by other users". */
async function whileInUse(run: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + inUsePatienceMs;
  for (;;) {
    try {
      await run();
      return;
    } catch (error) {
      if (!isInUse(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function isInUse(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '55006';
}

const created = new Set<string>();
const templates = new Map<PrepareTestDatabase, Promise<string>>();

function templateFor(adminUrl: string, prepare: PrepareTestDatabase): Promise<string> {
  let template = templates.get(prepare);
  if (template === undefined) {
    template = (async () => {
      const name = uniqueName('slipway_tpl');
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      await prepare(databaseUrl(adminUrl, name));
      return name;
    })();
    templates.set(prepare, template);
  }
  return template;
}

function postgresAdminUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env['SLIPWAY_TEST_PG_URL'];
  return url === undefined || url === '' ? undefined : url;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Lower-case letters, digits and underscores only: safe to splice into DDL. */
function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(6).toString('hex')}`;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `SLIPWAY_TEST_PG_URL is set but PostgreSQL does not answer at ${redact(adminUrl)}: ${String(error)}`,
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
