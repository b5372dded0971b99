import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dropTestDatabases,
  makeTempDir,
  testDialects,
} from '@slipway/test-utils';
import { migrateToLatest, openDatabase } from '@slipway/engine';
import type { CatalogImportReport, LedgerPage, Service } from '@slipway/engine';
import {
  brokenCatalog,
  paymentsCatalog,
  webCatalog,
} from '../../engine/test/catalog/catalog-fixtures.js';
import { runBuiltCli } from './run-built-cli.js';

const dirs: { cleanup(): void }[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  dirs.splice(0).forEach((dir) => dir.cleanup());
  for (const drop of drops.splice(0)) await drop();
  await dropTestDatabases();
});

const migrate = async (url: string): Promise<void> => {
  const { db, close } = await openDatabase({ url });
  await migrateToLatest(db);
  await close();
};

/** A working directory with catalog files; the embedded database lands in its .slipway. */
function workspace(): {
  path: string;
  run: (args: readonly string[]) => ReturnType<typeof runBuiltCli>;
} {
  const dir = makeTempDir('slipway-catalog-');
  dirs.push(dir);
  writeFileSync(join(dir.path, 'payments.yaml'), paymentsCatalog);
  writeFileSync(join(dir.path, 'web.yaml'), webCatalog);
  writeFileSync(join(dir.path, 'broken.yaml'), brokenCatalog);
  const env = { SLIPWAY_DATABASE_URL: '', SLIPWAY_ACTOR: 'carol', NO_COLOR: '1' };
  return { path: dir.path, run: (args) => runBuiltCli(args, { cwd: dir.path, env }) };
}

function json<T>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

describe('slipway service and catalog (built CLI)', () => {
  it('adds and lists services, and records who did it', () => {
    const { run } = workspace();
    const added = run([
      'service',
      'add',
      'api',
      '--owner',
      'team-a',
      '--risk',
      'high',
      '--lifecycle',
      'dev,qa,prod',
      '--kind',
      'library',
    ]);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toBe('added api library · high risk · dev → qa → prod · owner team-a\n');
    expect(run(['service', 'add', 'web', '--json']).status).toBe(0);
    const listed = run(['service', 'list', '--json']);
    const { services } = json<{ services: Service[] }>(listed.stdout);
    expect(services.map((s) => [s.name, s.kind, s.riskTier, s.lifecycle.join(',')])).toEqual([
      ['api', 'library', 'high', 'dev,qa,prod'],
      ['web', 'service', 'standard', 'dev,staging,prod'],
    ]);
    expect(run(['service', 'list', '--risk', 'high']).stdout).toMatch(/^api /);
    const events = json<LedgerPage>(run(['ledger', 'list', '--json']).stdout).events;
    expect(events.map((e) => [e.type, e.subject, e.actor])).toEqual([
      ['service.added', 'service:api', 'carol'],
      ['service.added', 'service:web', 'carol'],
    ]);
  });

  it('exits 2 naming the option and the allowed values', () => {
    const { run } = workspace();
    const risk = run(['service', 'add', 'api', '--risk', 'extreme']);
    expect(risk.status).toBe(2);
    expect(risk.stderr).toContain("option '--risk <tier>' argument 'extreme' is invalid");
    expect(risk.stderr).toContain('low, standard, high, regulated');
    const kind = run(['service', 'add', 'api', '--kind', 'app']);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain('service, library');
    const lifecycle = run(['service', 'add', 'api', '--lifecycle', 'dev,Prod']);
    expect(lifecycle.status).toBe(2);
    expect(lifecycle.stderr).toContain("'--lifecycle <envs>'");
    expect(run(['service', 'add', 'bad name']).status).toBe(2);
    run(['service', 'add', 'api']);
    const again = run(['service', 'add', 'api', '--json']);
    expect(again.status).toBe(2);
    expect(json<{ error: { code: string } }>(again.stdout).error.code).toBe('USAGE');
    expect(json<LedgerPage>(run(['ledger', 'list', '--json']).stdout).events).toHaveLength(1);
  });

  it('imports, re-imports without duplicates, and refuses a file with invalid documents', () => {
    const { run } = workspace();
    const first = run(['catalog', 'import', 'payments.yaml', 'web.yaml']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('skipped payments.yaml document 4: payments-openapi (kind API)');
    expect(first.stdout).toContain('imported: 3 added, 0 updated, 0 unchanged, 3 skipped');
    const second = run(['catalog', 'import', 'payments.yaml', 'web.yaml', '--json']);
    expect(second.status).toBe(0);
    expect(json<CatalogImportReport>(second.stdout)).toMatchObject({
      applied: true,
      added: [],
      unchanged: ['payments-api', 'money-utils', 'storefront'],
    });
    const broken = run(['catalog', 'import', 'web.yaml', 'broken.yaml', '--json']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('broken.yaml document 2: spec.owner:');
    expect(broken.stderr).toContain(
      'broken.yaml document 4: metadata.annotations.slipway.dev/risk-tier: must be one of',
    );
    expect(json<CatalogImportReport>(broken.stdout)).toMatchObject({ applied: false, added: [] });
    const { services } = json<{ services: Service[] }>(run(['service', 'list', '--json']).stdout);
    expect(services.map((s) => s.name)).toEqual(['money-utils', 'payments-api', 'storefront']);
    const missing = run(['catalog', 'import', 'nope.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.yaml');
  });
});

describe.each(testDialects())('slipway catalog on a shared %s database (built CLI)', (dialect) => {
  it('imports through SLIPWAY_DATABASE_URL and lists what it imported', async () => {
    const target = await createTestDatabase(dialect, migrate);
    drops.push(() => target.drop());
    const { path } = workspace();
    const env = { SLIPWAY_DATABASE_URL: target.url, SLIPWAY_ACTOR: 'ci', NO_COLOR: '1' };
    const run = (args: readonly string[]): ReturnType<typeof runBuiltCli> =>
      runBuiltCli(args, { cwd: path, env });
    const imported = run(['catalog', 'import', 'web.yaml', '--json']);
    expect(imported.status).toBe(0);
    expect(json<CatalogImportReport>(imported.stdout).added).toEqual(['storefront']);
    const listed = run(['service', 'list', '--search', 'store']);
    expect(listed.stdout).toBe(
      'storefront service · standard risk · dev → staging → prod · owner team-web · ' +
        'https://gitlab.com/acme/storefront · component:default/storefront\n',
    );
  });
});
