import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { createIdempotencyService, fingerprintOf } from '@slipway/engine';
import type { DeployRequest, Deployment } from '@slipway/engine';
import { canonicalJson } from '@slipway/core';
import { FakeDeployments } from './fake-deployments.js';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

/** Deploys to `held` wait until the test lets them go: a first request still running. */
class HeldDeployments extends FakeDeployments {
  release: () => void = () => undefined;
  #gate = new Promise<void>((resolve) => (this.release = resolve));
  #arrived: () => void = () => undefined;
  /** Resolves when a held deploy is waiting at the gate. */
  readonly arrived = new Promise<void>((resolve) => (this.#arrived = resolve));

  override async deploy(request: DeployRequest, options: { actor: string }): Promise<Deployment> {
    if (request.environment === 'held') {
      this.#arrived();
      await this.#gate;
    }
    // A turn of the event loop, so concurrent requests really interleave.
    await new Promise((resolve) => setImmediate(resolve));
    return super.deploy(request, options);
  }
}

const deployBody = { service: 'api', environment: 'dev', ref: '1.0.0' };

describe.each(testDialects())('idempotency keys over HTTP on %s', (dialect) => {
  let fixture: ServerFixture;
  let deployments: HeldDeployments;

  beforeAll(async () => {
    deployments = new HeldDeployments();
    fixture = await serverFixture(dialect, { deployments });
  });

  const deploy = (key: string | undefined, payload: object = deployBody, secret?: string) =>
    fixture.app.inject({
      method: 'POST',
      url: '/api/deployments',
      headers: {
        ...bearer(secret ?? fixture.releaser),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload,
    });

  const performed = (): number => deployments.performed.length;

  it('replays the first answer to a retry, without acting again', async () => {
    const before = performed();
    const first = await deploy('key-replay');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Key order does not matter: the body is compared in canonical form.
    const retry = await deploy('key-replay', { ref: '1.0.0', environment: 'dev', service: 'api' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(performed()).toBe(before + 1);
    // Without a key, every request acts.
    await deploy(undefined);
    await deploy(undefined);
    expect(performed()).toBe(before + 3);
  });

  it('refuses the same key for another request with 422 naming the header', async () => {
    await deploy('key-mismatch');
    const other = await deploy('key-mismatch', { ...deployBody, ref: '2.0.0' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('CONFLICT');
    expect(other.json().error.message).toMatch(
      /^Idempotency-Key key-mismatch was used \(since .+\) for POST \/api\/deployments with another body/,
    );
    const otherPath = await fixture.app.inject({
      method: 'POST',
      url: '/api/rollbacks',
      headers: { ...bearer(fixture.releaser), 'idempotency-key': 'key-mismatch' },
      payload: { service: 'api', environment: 'dev' },
    });
    expect(otherPath.statusCode).toBe(422);
  });

  it('answers 400 for a malformed key, before acting', async () => {
    const before = performed();
    for (const key of ['has space', 'x'.repeat(256), 'naïve']) {
      const response = await deploy(key);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({
        code: 'USAGE',
        message: 'Idempotency-Key header: must be one key of 1 to 255 visible ASCII characters',
      });
    }
    expect(performed()).toBe(before);
  });

  it('keeps keys apart per token', async () => {
    const before = performed();
    await deploy('key-shared');
    const otherToken = await deploy('key-shared', deployBody, fixture.admin);
    expect(otherToken.headers['idempotent-replayed']).toBeUndefined();
    expect(performed()).toBe(before + 2);
  });

  it('releases the key of a request that failed, so a retry acts', async () => {
    const promote = () =>
      fixture.app.inject({
        method: 'POST',
        url: '/api/promotions',
        headers: { ...bearer(fixture.releaser), 'idempotency-key': 'key-retry' },
        payload: { service: 'late', from: 'dev', to: 'prod' },
      });
    const refused = await promote();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('REFUSED');
    await deploy(undefined, { service: 'late', environment: 'dev', ref: '1.0.0' });
    const retried = await promote();
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const held = { ...deployBody, environment: 'held' };
    const first = deploy('key-held', held);
    // The first request holds its key and waits inside the deployment.
    await deployments.arrived;
    const second = await deploy('key-held', held);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CONFLICT');
    expect(second.json().error.message).toMatch(
      /^Idempotency-Key key-held: the first request with this key \(since .+\) has not finished/,
    );
    deployments.release();
    expect((await first).statusCode).toBe(201);
    expect((await deploy('key-held', held)).headers['idempotent-replayed']).toBe('true');
  });

  it('answers 409 for a key whose first request never finished (the server died)', async () => {
    const token = await fixture.tokens.authenticate(fixture.releaser);
    // What a crash leaves behind: a reservation without an answer.
    await createIdempotencyService(fixture.database.db).claim({
      scope: token?.id ?? '',
      key: 'key-crashed',
      method: 'POST',
      path: '/api/deployments',
      fingerprint: fingerprintOf(canonicalJson(deployBody)),
    });
    const before = performed();
    const retry = await deploy('key-crashed');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.message).toMatch(/has not finished/);
    expect(performed()).toBe(before);
  });

  it('acts once for 20 concurrent identical requests with one key', async () => {
    const before = performed();
    const events = (await fixture.ledger.listEvents({ limit: 1000 })).events.length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => deploy('key-burst')));
    expect(performed()).toBe(before + 1);
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const created = answers.filter((answer) => answer.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.json().id)).size).toBe(1);
    // The idempotency layer writes no ledger events of its own.
    expect((await fixture.ledger.listEvents({ limit: 1000 })).events.length).toBe(events);
    const after = await deploy('key-burst');
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(after.json().id).toBe(created[0]?.json().id);
  });

  it('makes a catalog change act once too, and ignores keys on reads', async () => {
    const add = () =>
      fixture.app.inject({
        method: 'POST',
        url: '/api/services',
        headers: { ...bearer(fixture.releaser), 'idempotency-key': 'key-service' },
        payload: { name: 'once' },
      });
    expect((await add()).statusCode).toBe(201);
    // Without the key, adding it again would be refused as a duplicate.
    const again = await add();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const events = await fixture.ledger.listEvents({ subject: 'service:once' });
    expect(events.events).toHaveLength(1);
    const read = await fixture.app.inject({
      method: 'GET',
      url: '/api/services/once',
      headers: { ...bearer(fixture.viewer), 'idempotency-key': 'not checked on reads' },
    });
    expect(read.statusCode).toBe(200);
  });
});
