import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { createCatalogService, createLedgerService } from '../../src/index.js';
import type { CatalogService, LedgerService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';
import { brokenCatalog, paymentsCatalog, webCatalog } from './catalog-fixtures.js';

const actor = { actor: 'alice' };

describe.each(testDialects())('catalog store on %s', (dialect) => {
  let database: MigratedTestDatabase;
  let catalog: CatalogService;
  let ledger: LedgerService;

  beforeEach(async () => {
    database = await openMigratedTestDatabase(dialect);
    let tick = Date.parse('2026-03-01T00:00:00.000Z');
    const now = (): Date => new Date((tick += 1_000));
    catalog = createCatalogService(database.db, { now });
    ledger = createLedgerService(database.db, { now });
  });

  it('adds a service with defaults and reads it back', async () => {
    const added = await catalog.addService({ name: 'api', owner: 'team-a' }, actor);
    expect(added).toMatchObject({
      name: 'api',
      owner: 'team-a',
      repository: null,
      kind: 'service',
      riskTier: 'standard',
      lifecycle: ['dev', 'staging', 'prod'],
      entityRef: null,
    });
    expect(await catalog.getService('api')).toEqual(added);
    expect(await catalog.getService('nope')).toBeUndefined();
    const { events } = await ledger.listEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'service.added',
      subject: 'service:api',
      actor: 'alice',
      payload: { name: 'api', owner: 'team-a', lifecycle: ['dev', 'staging', 'prod'] },
    });
  });

  it('updates only what changed and records the change', async () => {
    await catalog.addService({ name: 'api', owner: 'team-a' }, actor);
    const updated = await catalog.updateService(
      'api',
      { riskTier: 'high', lifecycle: ['dev', 'prod'] },
      { actor: 'bob' },
    );
    expect(updated).toMatchObject({
      riskTier: 'high',
      lifecycle: ['dev', 'prod'],
      owner: 'team-a',
    });
    expect(updated.updatedAt > updated.createdAt).toBe(true);
    await catalog.updateService('api', { riskTier: 'high' }, actor);
    const { events } = await ledger.listEvents({ type: 'service.updated' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'bob',
      payload: {
        name: 'api',
        changes: {
          riskTier: { from: 'standard', to: 'high' },
          lifecycle: { from: ['dev', 'staging', 'prod'], to: ['dev', 'prod'] },
        },
      },
    });
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true, events: 2 });
  });

  it('refuses a duplicate name or a bad value and records nothing', async () => {
    await catalog.addService({ name: 'api' }, actor);
    await expect(catalog.addService({ name: 'api' }, actor)).rejects.toMatchObject({
      code: 'USAGE',
      subject: 'api',
    });
    await expect(
      catalog.addService({ name: 'web', lifecycle: ['dev', 'dev'] }, actor),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'lifecycle' });
    await expect(catalog.addService({ name: 'bad name' }, actor)).rejects.toMatchObject({
      subject: 'name',
    });
    await expect(catalog.updateService('ghost', { owner: 'x' }, actor)).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect((await ledger.listEvents()).events).toHaveLength(1);
    expect((await catalog.listServices()).map((s) => s.name)).toEqual(['api']);
  });

  it('lists by owner, tier and search, sorted by name', async () => {
    await catalog.addService({ name: 'web', owner: 'team-b', riskTier: 'low' }, actor);
    await catalog.addService(
      { name: 'api', owner: 'team-a', repository: 'https://github.com/acme/API_100%' },
      actor,
    );
    await catalog.addService({ name: 'billing', owner: 'team-a', riskTier: 'regulated' }, actor);
    const names = async (query: Parameters<CatalogService['listServices']>[0]) =>
      (await catalog.listServices(query)).map((service) => service.name);
    expect(await names({})).toEqual(['api', 'billing', 'web']);
    expect(await names({ owner: 'team-a' })).toEqual(['api', 'billing']);
    expect(await names({ tier: 'low' })).toEqual(['web']);
    expect(await names({ search: 'TEAM-B' })).toEqual(['web']);
    expect(await names({ search: 'api_100%' })).toEqual(['api']);
    expect(await names({ search: '_' })).toEqual(['api']);
    expect(await names({ owner: 'team-a', tier: 'regulated', search: 'bill' })).toEqual([
      'billing',
    ]);
  });

  it('imports components, skips other kinds, and re-imports idempotently', async () => {
    const first = await catalog.importCatalogFiles(
      [
        { file: 'payments/catalog-info.yaml', text: paymentsCatalog },
        { file: 'web/catalog-info.yaml', text: webCatalog },
      ],
      actor,
    );
    expect(first).toMatchObject({
      applied: true,
      added: ['payments-api', 'money-utils', 'storefront'],
      updated: [],
      unchanged: [],
      errors: [],
    });
    expect(first.skipped).toEqual([
      expect.objectContaining({ document: 1, kind: 'System', name: 'payments' }),
      expect.objectContaining({ document: 4, kind: 'API', name: 'payments-openapi' }),
      expect.objectContaining({
        document: 5,
        kind: 'Component',
        reason: 'spec.type documentation',
      }),
    ]);
    expect(await catalog.getService('payments-api')).toMatchObject({
      owner: 'group:default/team-payments',
      repository: 'https://github.com/acme/payments-api',
      kind: 'service',
      riskTier: 'regulated',
      lifecycle: ['dev', 'staging', 'pre-prod', 'prod'],
      entityRef: 'component:default/payments-api',
      stage: 'production',
    });
    expect(await catalog.getService('money-utils')).toMatchObject({
      kind: 'library',
      entityRef: 'component:finance/money-utils',
      repository: 'https://gitlab.example.com/finance/money-utils',
    });
    const again = await catalog.importCatalogInfo(paymentsCatalog, { file: 'p.yaml', ...actor });
    expect(again).toMatchObject({
      applied: true,
      added: [],
      updated: [],
      unchanged: ['payments-api', 'money-utils'],
    });
    expect(await catalog.listServices()).toHaveLength(3);
    expect((await ledger.listEvents()).events).toHaveLength(3);
  });

  it('updates on change, keeping what the file does not declare', async () => {
    await catalog.importCatalogInfo(webCatalog, { file: 'web.yaml', ...actor });
    await catalog.updateService('storefront', { riskTier: 'high' }, actor);
    const changed = webCatalog.replace('owner: team-web', 'owner: team-shop');
    const report = await catalog.importCatalogInfo(changed, { file: 'web.yaml', actor: 'ci' });
    expect(report).toMatchObject({ applied: true, updated: ['storefront'], added: [] });
    expect(await catalog.getService('storefront')).toMatchObject({
      owner: 'team-shop',
      riskTier: 'high',
    });
    const { events } = await ledger.listEvents({ subject: 'service:storefront', actor: 'ci' });
    expect(events.map((event) => event.payload)).toEqual([
      { name: 'storefront', changes: { owner: { from: 'team-web', to: 'team-shop' } } },
    ]);
  });

  it('adopts a service added by hand with the same name', async () => {
    await catalog.addService({ name: 'storefront', riskTier: 'low' }, actor);
    const report = await catalog.importCatalogInfo(webCatalog, { file: 'web.yaml', ...actor });
    expect(report.updated).toEqual(['storefront']);
    expect(await catalog.getService('storefront')).toMatchObject({
      entityRef: 'component:default/storefront',
      riskTier: 'low',
      owner: 'team-web',
    });
  });

  it('changes nothing when any document is invalid, and names file, document and field', async () => {
    const report = await catalog.importCatalogFiles(
      [
        { file: 'web.yaml', text: webCatalog },
        { file: 'search.yaml', text: brokenCatalog },
      ],
      actor,
    );
    expect(report.applied).toBe(false);
    expect(report.added).toEqual([]);
    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'search.yaml', document: 2, field: 'spec.owner' }),
      expect.objectContaining({
        file: 'search.yaml',
        document: 4,
        field: 'metadata.annotations.slipway.dev/risk-tier',
        message: 'must be one of low, standard, high, regulated, got extreme',
      }),
    ]);
    expect(report.skipped).toEqual([expect.objectContaining({ kind: 'Group', document: 3 })]);
    expect(await catalog.listServices()).toEqual([]);
    expect((await ledger.listEvents()).events).toEqual([]);
  });

  it('refuses a name that belongs to another entity, and a component declared twice', async () => {
    await catalog.importCatalogInfo(webCatalog, { file: 'web.yaml', ...actor });
    const otherNamespace = webCatalog.replace(
      'name: storefront',
      'name: storefront\n  namespace: shop',
    );
    const taken = await catalog.importCatalogInfo(otherNamespace, { file: 'shop.yaml', ...actor });
    expect(taken.errors).toEqual([
      expect.objectContaining({
        field: 'metadata.name',
        message: 'the service name storefront belongs to component:default/storefront',
      }),
    ]);
    const twice = await catalog.importCatalogInfo(`${paymentsCatalog}\n---\n${paymentsCatalog}`, {
      file: 'p.yaml',
      ...actor,
    });
    expect(twice.applied).toBe(false);
    expect(twice.errors[0]?.message).toMatch(/declared twice \(also p\.yaml document 2\)/);
    expect((await catalog.listServices()).map((s) => s.name)).toEqual(['storefront']);
    expect((await ledger.listEvents()).events).toHaveLength(1);
  });

  it('keeps a deployer and a skip policy, and records their changes', async () => {
    const plain = await catalog.addService({ name: 'api' }, actor);
    expect(plain).toMatchObject({ deployer: null, allowSkip: false });
    const deployer = {
      kind: 'command',
      command: ['./deploy.sh', '--fast'],
      timeoutSeconds: 600,
    } as const;
    const updated = await catalog.updateService('api', { deployer, allowSkip: true }, actor);
    expect(updated).toMatchObject({ deployer, allowSkip: true });
    expect(await catalog.getService('api')).toEqual(updated);
    const { events } = await ledger.listEvents({ type: 'service.updated' });
    expect(events[0]?.payload).toEqual({
      name: 'api',
      changes: {
        deployer: { from: null, to: deployer },
        allowSkip: { from: false, to: true },
      },
    });
    await catalog.updateService(
      'api',
      { deployer: { ...deployer, command: ['./deploy.sh', '--fast'] } },
      actor,
    );
    expect((await ledger.listEvents({ type: 'service.updated' })).events).toHaveLength(1);
    const recorded = await catalog.addService({ name: 'web', deployer: { kind: 'record' } }, actor);
    expect(await catalog.getService('web')).toEqual(recorded);
  });

  it('refuses an invalid deployer and names the field', async () => {
    await catalog.addService({ name: 'api' }, actor);
    const invalid = [
      [{ kind: 'command', command: [] }, 'deployer.command'],
      [{ kind: 'command', command: ['x'], timeoutSeconds: 0 }, 'deployer.timeoutSeconds'],
      [{ kind: 'command', command: ['x'], timeoutSeconds: 86_401 }, 'deployer.timeoutSeconds'],
      [{ kind: 'ssh' }, 'deployer.kind'],
    ] as const;
    for (const [deployer, field] of invalid) {
      await expect(
        catalog.updateService('api', { deployer: deployer as never }, actor),
      ).rejects.toMatchObject({ code: 'USAGE', subject: field });
    }
    expect(await catalog.getService('api')).toMatchObject({ deployer: null });
  });

  it('rolls the catalog back when the ledger append fails', async () => {
    await sql`drop table ledger_head`.execute(database.db);
    await expect(catalog.addService({ name: 'api' }, actor)).rejects.toThrow();
    expect(await catalog.listServices()).toEqual([]);
  });
});
