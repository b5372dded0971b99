import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import {
  createFakeTokenService,
  createLedgerService,
  createTokenService,
  hashTokenSecret,
} from '../../src/index.js';
import type { LedgerService, TokenService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';

describe.each(testDialects())('token store on %s', (dialect) => {
  let database: MigratedTestDatabase;
  let ledger: LedgerService;
  let tokens: TokenService;

  beforeEach(async () => {
    database = await openMigratedTestDatabase(dialect);
    let tick = Date.parse('2026-01-01T00:00:00.000Z');
    const now = (): Date => new Date((tick += 1_000));
    ledger = createLedgerService(database.db, { now });
    tokens = createTokenService(database.db, ledger, { now });
  });

  it('stores only a hash and a display prefix, and finds the token by its secret', async () => {
    const { token, secret } = await tokens.createToken({
      role: 'releaser',
      services: ['web', 'api', 'web'],
      environments: ['dev'],
      createdBy: 'alice',
    });
    expect(secret).toMatch(/^slw_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      prefix: secret.slice(0, 12),
      role: 'releaser',
      services: ['api', 'web'],
      environments: ['dev'],
      createdBy: 'alice',
      createdAt: '2026-01-01T00:00:01.000Z',
      revokedAt: null,
    });
    const rows = await database.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(await tokens.authenticate(secret)).toEqual(token);
    expect(await tokens.authenticate(`${secret}x`)).toBeUndefined();
    expect(await tokens.listTokens()).toEqual([token]);
  });

  it('records creation and revocation in the ledger, and a revoked token stops working', async () => {
    const { token, secret } = await tokens.createToken({ role: 'viewer', createdBy: 'alice' });
    const revoked = await tokens.revokeToken(token.id, 'bob');
    expect(revoked.revokedAt).toBe('2026-01-01T00:00:03.000Z');
    expect(await tokens.authenticate(secret)).toBeUndefined();
    const { events } = await ledger.listEvents();
    expect(events.map((event) => [event.type, event.subject, event.actor])).toEqual([
      ['token.created', `token:${token.id}`, 'alice'],
      ['token.revoked', `token:${token.id}`, 'bob'],
    ]);
    expect(events[0]?.payload).toEqual({
      prefix: token.prefix,
      role: 'viewer',
      services: null,
      environments: null,
    });
    expect((await ledger.verifyLedger()).ok).toBe(true);
    await expect(tokens.revokeToken(token.id, 'bob')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(tokens.revokeToken('nope', 'bob')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes no token when its ledger event cannot be written', async () => {
    await database.db.deleteFrom('ledger_head').execute();
    await expect(tokens.createToken({ role: 'admin', createdBy: 'alice' })).rejects.toThrow();
    expect(await tokens.listTokens()).toEqual([]);
  });

  it('registers a given secret once', async () => {
    const secret = 'slw_given-by-the-operator-0123456789';
    const first = await tokens.ensureToken(secret, 'admin', 'bootstrap');
    const second = await tokens.ensureToken(secret, 'admin', 'bootstrap');
    expect(second).toEqual(first);
    expect(await tokens.listTokens()).toHaveLength(1);
    // Several servers starting at once on one database register the same secret once.
    const racing = 'slw_shared-by-several-servers-0123456789';
    const raced = await Promise.all(
      [1, 2, 3].map(() => tokens.ensureToken(racing, 'admin', 'bootstrap')),
    );
    expect(new Set(raced.map((token) => token.id)).size).toBe(1);
    expect(await tokens.listTokens()).toHaveLength(2);
    await expect(tokens.ensureToken('short', 'admin', 'bootstrap')).rejects.toMatchObject({
      code: 'USAGE',
    });
  });
});

describe('fake token service', () => {
  it('behaves as the stored one for create, authenticate and revoke', async () => {
    const { service, ledger } = createFakeTokenService();
    const { token, secret } = await service.createToken({ role: 'admin', createdBy: 'a' });
    expect(await service.authenticate(secret)).toEqual(token);
    await service.revokeToken(token.id, 'a');
    expect(await service.authenticate(secret)).toBeUndefined();
    expect((await ledger.listEvents()).events.map((event) => event.type)).toEqual([
      'token.created',
      'token.revoked',
    ]);
  });
});
