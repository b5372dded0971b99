import { describe, expect, it } from 'vitest';
import { createFakeCatalogService, parseCatalogInfo } from '../../src/index.js';
import { brokenCatalog, paymentsCatalog } from './catalog-fixtures.js';

describe('catalog service on the fake store', () => {
  it('records one event per change and none for a refused one', async () => {
    const { service, ledger } = createFakeCatalogService({
      now: () => new Date('2026-04-01T00:00:00.000Z'),
    });
    await service.addService({ name: 'api', kind: 'library' }, { actor: 'alice' });
    await expect(
      service.addService({ name: 'web', riskTier: 'extreme' as 'low' }, { actor: 'alice' }),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'riskTier' });
    await service.importCatalogInfo(paymentsCatalog, { file: 'c.yaml', actor: 'ci' });
    const failed = await service.importCatalogInfo(brokenCatalog, { file: 'b.yaml', actor: 'ci' });
    expect(failed.applied).toBe(false);
    expect(ledger.events.map((event) => [event.type, event.subject, event.actor])).toEqual([
      ['service.added', 'service:api', 'alice'],
      ['service.added', 'service:payments-api', 'ci'],
      ['service.added', 'service:money-utils', 'ci'],
    ]);
    expect((await service.listServices({ search: 'PAY' })).map((s) => s.name)).toEqual([
      'payments-api',
    ]);
  });
});

describe('parseCatalogInfo', () => {
  it('reports YAML syntax errors by document and ignores empty documents', () => {
    const text = `---\n---\nkind: Component\nmetadata: [unclosed\n`;
    const parsed = parseCatalogInfo(text, 'x.yaml');
    expect(parsed.entries).toEqual([]);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ file: 'x.yaml', document: 2, field: '' }),
    ]);
    expect(parsed.errors[0]?.message).toMatch(/^invalid YAML/);
  });

  it('names the missing envelope field of a document that is no entity', () => {
    const parsed = parseCatalogInfo('apiVersion: backstage.io/v1alpha1\nkind: Component\n', 'y');
    expect(parsed.errors).toEqual([expect.objectContaining({ document: 1, field: 'metadata' })]);
  });

  it('reads a lifecycle annotation written with arrows', () => {
    const text = paymentsCatalog.replace('dev, staging, pre-prod, prod', '"dev → staging -> prod"');
    const entry = parseCatalogInfo(text, 'p').entries[0];
    expect(entry?.lifecycle).toEqual(['dev', 'staging', 'prod']);
  });
});
