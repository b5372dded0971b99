import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { HttpControlPlane } from '@slipway/engine';
import { bearer, rolloutServerFixture } from './rollout-server-fixture.js';
import type { RolloutServerFixture } from './rollout-server-fixture.js';

describe.each(testDialects())('rollout routes on %s', (dialect) => {
  let fixture: RolloutServerFixture;

  beforeAll(async () => {
    fixture = await rolloutServerFixture(dialect);
  });

  const inject = (method: 'GET' | 'POST', url: string, secret: string, payload?: object) =>
    fixture.app.inject({
      method,
      url,
      headers: bearer(secret),
      ...(payload === undefined ? {} : { payload }),
    });
  const actorOf = async (secret: string) =>
    `token:${(await fixture.plane.tokens.authenticate(secret))?.id ?? ''}`;

  it('lists rollouts, filtered, and shows one with its step, weight and spec', async () => {
    const apiDev = await fixture.startRollout('api', 'dev');
    const apiQa = await fixture.startRollout('api', 'qa');
    const webDev = await fixture.startRollout('web', 'dev');
    const all = await inject('GET', '/api/rollouts', fixture.viewer);
    expect(all.statusCode).toBe(200);
    expect(
      all
        .json()
        .map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([apiDev, apiQa, webDev].sort());
    const filtered = await inject(
      'GET',
      '/api/rollouts?service=api&environment=dev&status=paused&limit=5',
      fixture.viewer,
    );
    expect(filtered.json().map((item: { id: string }) => item.id)).toEqual([apiDev]);
    const one = await inject('GET', `/api/rollouts/${apiDev}`, fixture.viewer);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: apiDev,
      service: 'api',
      environment: 'dev',
      version: '1.1.0',
      status: 'paused',
      currentStep: 1,
      weight: 20,
      spec: { strategy: { kind: 'canary' } },
      analysisRuns: [],
    });
  });

  it('refuses a bad query, naming the field, and answers 404 for an unknown rollout', async () => {
    const bad = await inject('GET', '/api/rollouts?status=done', fixture.viewer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^query\.status: /);
    const missing = await inject('GET', '/api/rollouts/nope', fixture.viewer);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND' });
    const missingControl = await inject('POST', '/api/rollouts/nope/abort', fixture.releaser);
    expect(missingControl.statusCode).toBe(404);
  });

  it('aborts (deployment failed), retries, and promotes to success, each as the token', async () => {
    const id = await fixture.startRollout('api', 'staging');
    const aborted = await inject('POST', `/api/rollouts/${id}/abort`, fixture.releaser, {
      reason: 'error budget',
    });
    expect(aborted.statusCode).toBe(200);
    expect(aborted.json()).toMatchObject({ status: 'aborted', weight: 0 });
    expect(aborted.json().message).toContain('error budget');
    const deploymentId = aborted.json().deploymentId as string;
    expect((await fixture.plane.getDeployment(deploymentId)).status).toBe('failed');

    const retried = await inject('POST', `/api/rollouts/${id}/retry`, fixture.releaser);
    expect(retried.json()).toMatchObject({ status: 'paused', currentStep: 1, weight: 20 });
    const promoted = await inject('POST', `/api/rollouts/${id}/promote`, fixture.releaser, {});
    expect(promoted.json()).toMatchObject({ status: 'succeeded', weight: 100 });
    expect((await fixture.plane.getDeployment(deploymentId)).status).toBe('succeeded');

    const releaser = await actorOf(fixture.releaser);
    const events = (await fixture.plane.listEvents({ subject: `rollout:${id}`, limit: 100 }))
      .events;
    const manual = events.filter((event) =>
      ['rollout.aborted', 'rollout.retried', 'rollout.promoted'].includes(event.type),
    );
    expect(manual.map((event) => [event.type, event.actor])).toEqual([
      ['rollout.aborted', releaser],
      ['rollout.retried', releaser],
      ['rollout.promoted', releaser],
    ]);
  });

  it('pauses and resumes a progressing rollout; promote --full goes straight to 100%', async () => {
    const id = await fixture.startRollout('web', 'qa');
    const paused = await inject('POST', `/api/rollouts/${id}/pause`, fixture.releaser, {});
    expect(paused.statusCode).toBe(409);
    expect(paused.json().error.code).toBe('REFUSED');
    const full = await inject('POST', `/api/rollouts/${id}/promote`, fixture.releaser, {
      full: true,
    });
    expect(full.json()).toMatchObject({ status: 'succeeded', weight: 100 });

    const fresh = await fixture.plane.deploy(
      { service: 'web', environment: 'perf', ref: '1.1.0' },
      { actor: 'seed' },
    );
    const rollout = await fixture.plane.rollouts.rolloutOfDeployment(fresh.id);
    const held = await inject('POST', `/api/rollouts/${rollout?.id}/pause`, fixture.releaser);
    expect(held.json()).toMatchObject({ status: 'paused', weight: 0 });
    const resumed = await inject('POST', `/api/rollouts/${rollout?.id}/resume`, fixture.releaser);
    expect(resumed.json()).toMatchObject({ status: 'paused', currentStep: 1, weight: 20 });
  });

  it('answers 409 (REFUSED) for a control the status does not allow, 400 for bad bodies', async () => {
    const id = await fixture.startRollout('api', 'perf');
    await inject('POST', `/api/rollouts/${id}/promote`, fixture.releaser, { full: true });
    const conflict = await inject('POST', `/api/rollouts/${id}/abort`, fixture.releaser);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('REFUSED');
    const unknown = await inject('POST', `/api/rollouts/${id}/promote`, fixture.releaser, {
      everything: true,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/^body.*everything/);
    const badReason = await inject('POST', `/api/rollouts/${id}/abort`, fixture.releaser, {
      reason: 7,
    });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json().error.message).toMatch(/^body\.reason: /);
  });

  it('lets viewers read but not control; scoped tokens reach only their service', async () => {
    const api = await fixture.startRollout('api', 'canary');
    const web = await fixture.startRollout('web', 'canary');
    const denied = await inject('POST', `/api/rollouts/${api}/abort`, fixture.viewer);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toMatch(/rollouts\.control/);
    const scoped = (
      await fixture.plane.tokens.createToken({
        role: 'releaser',
        services: ['web'],
        createdBy: 'test',
      })
    ).secret;
    expect((await inject('POST', `/api/rollouts/${api}/abort`, scoped)).statusCode).toBe(403);
    expect((await inject('GET', `/api/rollouts/${api}`, scoped)).statusCode).toBe(403);
    expect((await inject('GET', '/api/rollouts', scoped)).statusCode).toBe(403);
    const own = await inject('GET', '/api/rollouts?service=web', scoped);
    expect(own.statusCode).toBe(200);
    expect(own.json().every((item: { service: string }) => item.service === 'web')).toBe(true);
    expect((await inject('POST', `/api/rollouts/${web}/abort`, scoped)).statusCode).toBe(200);
    expect((await fixture.plane.rollouts.getRollout(api)).status).toBe('paused');
    const anonymous = await fixture.app.inject({ method: 'GET', url: '/api/rollouts' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('acts once per Idempotency-Key: a retry replays the first answer', async () => {
    const id = await fixture.startRollout('web', 'staging');
    const send = () =>
      fixture.app.inject({
        method: 'POST',
        url: `/api/rollouts/${id}/abort`,
        headers: { ...bearer(fixture.releaser), 'idempotency-key': `abort-${dialect}` },
        payload: { reason: 'once' },
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const aborts = await fixture.plane.listEvents({
      type: 'rollout.aborted',
      subject: `rollout:${id}`,
    });
    expect(aborts.events).toHaveLength(1);
  });

  it('documents every rollout route in the OpenAPI document', async () => {
    const document = (await inject('GET', '/api/openapi.json', fixture.viewer)).json();
    expect(Object.keys(document.paths).filter((path) => path.includes('rollouts'))).toEqual([
      '/api/rollouts',
      '/api/rollouts/{id}',
      '/api/rollouts/{id}/promote',
      '/api/rollouts/{id}/abort',
      '/api/rollouts/{id}/retry',
      '/api/rollouts/{id}/pause',
      '/api/rollouts/{id}/resume',
    ]);
    expect(document.paths['/api/rollouts/{id}/abort'].post['x-slipway-action']).toBe(
      'rollouts.control',
    );
  });
});

describe('rollouts over real HTTP (HttpControlPlane.rollouts)', () => {
  let fixture: RolloutServerFixture;
  let url: string;

  beforeAll(async () => {
    fixture = await rolloutServerFixture('sqlite');
    url = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => fixture.app.close());

  it('lists, reads and controls rollouts through the client the CLI uses', async () => {
    const client = new HttpControlPlane({ url, token: fixture.releaser });
    const id = await fixture.startRollout('api', 'dev');
    expect((await client.rollouts.listRollouts({ service: 'api' })).map((r) => r.id)).toEqual([id]);
    expect(await client.rollouts.getRollout(id)).toMatchObject({ status: 'paused', weight: 20 });
    await expect(client.rollouts.getRollout('missing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const once = { actor: 'ignored', idempotencyKey: 'abort-over-http', reason: 'by client' };
    const aborted = await client.rollouts.abortRollout(id, once);
    expect(await client.rollouts.abortRollout(id, once)).toEqual(aborted);
    expect(aborted).toMatchObject({ status: 'aborted', weight: 0 });
    await expect(client.rollouts.pauseRollout(id, { actor: 'x' })).rejects.toMatchObject({
      code: 'REFUSED',
    });
    expect((await client.rollouts.retryRollout(id, { actor: 'x' })).status).toBe('paused');
    await expect(client.rollouts.resumeRollout(id, { actor: 'x' })).resolves.toMatchObject({
      status: 'succeeded',
    });

    const second = await fixture.startRollout('api', 'qa');
    const full = await client.rollouts.promoteRollout(second, { actor: 'x', full: true });
    expect(full).toMatchObject({ status: 'succeeded', weight: 100 });
    const events = await fixture.plane.listEvents({ type: 'rollout.aborted' });
    expect(events.events.map((event) => event.actor)).toEqual([
      `token:${(await fixture.plane.tokens.authenticate(fixture.releaser))?.id ?? ''}`,
    ]);
  });
});
