import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import {
  EmbeddedControlPlane,
  FakeDeploymentSources,
  FakeLedgerStore,
  LedgerService,
  createFakeCatalogService,
  createFakeDeploymentService,
  createFakeRegistryService,
  createFakeTokenService,
  openDatabase,
} from '@slipway/engine';
import type { LedgerFilter, StoredLedgerEvent } from '@slipway/engine';
import { createServer, startServer } from '@slipway/server';

/** A ledger whose reads wait until the test lets them go: a request that stays in flight. */
class GatedLedgerStore extends FakeLedgerStore {
  release: () => void = () => undefined;
  readonly started: Promise<void>;
  #started: () => void = () => undefined;

  constructor() {
    super();
    this.started = new Promise((resolve) => (this.#started = resolve));
  }

  override async list(filter: LedgerFilter): Promise<StoredLedgerEvent[]> {
    this.#started();
    await new Promise<void>((resolve) => (this.release = resolve));
    return super.list(filter);
  }
}

describe('the server over real HTTP', () => {
  it('starts on a free loopback port, bootstraps an admin token once and reports ready', async () => {
    const dir = makeTempDir('slipway-serve-');
    try {
      const env = { PATH: process.env['PATH'] ?? '' };
      const first = await startServer({ port: 0, dataDir: dir.path, env });
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.dialect).toBe('sqlite');
      expect(first.bootstrapToken).toMatch(/^slw_/);
      expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${first.url}/readyz`)).json()).toEqual({ status: 'ready' });
      const verify = await fetch(`${first.url}/api/ledger/verify`, {
        headers: { authorization: `Bearer ${first.bootstrapToken ?? ''}` },
      });
      expect(await verify.json()).toEqual({ ok: true, events: 1, firstBroken: null });
      await first.close();
      const second = await startServer({ port: 0, dataDir: dir.path, env });
      expect(second.bootstrapToken).toBeUndefined();
      await second.close();
    } finally {
      dir.cleanup();
    }
  });

  it('lets an in-flight request finish on shutdown, then refuses new connections', async () => {
    const store = new GatedLedgerStore();
    const { service: tokens } = createFakeTokenService();
    const { secret } = await tokens.createToken({ role: 'viewer', createdBy: 'test' });
    const database = await openDatabase({ url: ':memory:' });
    const controlPlane = new EmbeddedControlPlane({
      catalog: createFakeCatalogService().service,
      ledger: new LedgerService(store),
      tokens,
      registry: createFakeRegistryService().service,
      deployments: createFakeDeploymentService({ sources: new FakeDeploymentSources() }).service,
    });
    const app = createServer({ db: database.db, controlPlane, tokens });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    let closing: Promise<unknown> | undefined;
    try {
      const inFlight = fetch(`${url}/api/ledger/events`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      await store.started;
      let closed = false;
      closing = app.close().then(() => (closed = true));
      // Give close a chance to (wrongly) finish before the request does.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);
      store.release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ events: [], nextAfter: null });
      await closing;
      expect(closed).toBe(true);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      // Fastify's close is not idempotent: call it once.
      await (closing ?? app.close());
      await database.close();
    }
  });
});
