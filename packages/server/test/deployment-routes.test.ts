import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

describe.each(testDialects())('deployment routes on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
  });

  it('deploys, promotes and rolls back, answering 201 with the deployment', async () => {
    const { app, releaser, viewer, tokens } = fixture;
    const deployed = await app.inject({
      method: 'POST',
      url: '/api/deployments',
      headers: bearer(releaser),
      payload: { service: 'api', environment: 'dev', ref: '1.0.0' },
    });
    expect(deployed.statusCode).toBe(201);
    const releaserId = (await tokens.authenticate(releaser))?.id;
    expect(deployed.json()).toMatchObject({
      service: 'api',
      environment: 'dev',
      version: '1.0.0',
      status: 'succeeded',
      actor: `token:${releaserId}`,
    });
    const promoted = await app.inject({
      method: 'POST',
      url: '/api/promotions',
      headers: bearer(releaser),
      payload: { service: 'api', from: 'dev', to: 'staging' },
    });
    expect(promoted.statusCode).toBe(201);
    expect(promoted.json()).toMatchObject({ action: 'promote', sourceEnvironment: 'dev' });
    const rolledBack = await app.inject({
      method: 'POST',
      url: '/api/rollbacks',
      headers: bearer(releaser),
      payload: { service: 'api', environment: 'staging' },
    });
    expect(rolledBack.statusCode).toBe(201);
    expect(rolledBack.json().action).toBe('rollback');
    const one = await app.inject({
      method: 'GET',
      url: `/api/deployments/${deployed.json().id}`,
      headers: bearer(viewer),
    });
    expect(one.json()).toEqual(deployed.json());
    const history = await app.inject({
      method: 'GET',
      url: '/api/services/api/deployments?environment=staging&limit=1',
      headers: bearer(viewer),
    });
    expect(history.json().map((d: { action: string }) => d.action)).toEqual(['rollback']);
    const status = await app.inject({
      method: 'GET',
      url: '/api/status?service=api',
      headers: bearer(viewer),
    });
    expect(Object.keys(status.json().services[0].environments).sort()).toEqual(['dev', 'staging']);
    const plan = await app.inject({
      method: 'GET',
      url: '/api/rollback-plan?service=api&environment=prod&ref=1.0.0',
      headers: bearer(viewer),
    });
    expect(plan.json()).toMatchObject({ service: 'api', environment: 'prod', kind: 'none' });
  });

  it('answers 201 for a deployment that failed; its status says so', async () => {
    const failed = await fixture.app.inject({
      method: 'POST',
      url: '/api/deployments',
      headers: bearer(fixture.releaser),
      payload: { service: 'api', environment: 'dev', ref: 'bad' },
    });
    expect(failed.statusCode).toBe(201);
    expect(failed.json()).toMatchObject({ status: 'failed', logs: 'exit status 1' });
  });

  it('maps refusals and validation to their statuses', async () => {
    const { app, releaser, viewer } = fixture;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/promotions',
      headers: bearer(releaser),
      payload: { service: 'api', from: 'qa', to: 'prod' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'REFUSED',
      message: 'nothing runs in qa to promote',
    });
    const missingRef = await app.inject({
      method: 'POST',
      url: '/api/deployments',
      headers: bearer(releaser),
      payload: { service: 'api', environment: 'dev' },
    });
    expect(missingRef.statusCode).toBe(400);
    expect(missingRef.json().error.message).toMatch(/^body\.ref: /);
    const badLimit = await app.inject({
      method: 'GET',
      url: '/api/services/api/deployments?limit=0',
      headers: bearer(viewer),
    });
    expect(badLimit.json().error.message).toMatch(/^query\.limit: /);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/deployments/nope',
      headers: bearer(viewer),
    });
    expect(unknown.statusCode).toBe(404);
    const viewerDeploys = await app.inject({
      method: 'POST',
      url: '/api/deployments',
      headers: bearer(viewer),
      payload: { service: 'api', environment: 'dev', ref: '1.0.0' },
    });
    expect(viewerDeploys.statusCode).toBe(403);
    expect(viewerDeploys.json().error.message).toBe(
      'role releaser needed for deployments.create (this token has role viewer)',
    );
  });

  it('takes the CI run of a deploy as a checked object', async () => {
    const { app, releaser } = fixture;
    const ci = {
      provider: 'github-actions',
      builderId: 'https://github.com/acme/api/.github/workflows/deploy.yml@refs/heads/main',
      runId: '7',
      runUrl: 'https://github.com/acme/api/actions/runs/7',
      actor: 'octocat',
      commit: '0123456789abcdef0123456789abcdef01234567',
      ref: 'refs/heads/main',
    };
    const deploy = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/deployments', headers: bearer(releaser), payload });
    const target = { service: 'api', environment: 'dev', ref: '1.0.0' };
    expect((await deploy({ ...target, ci })).statusCode).toBe(201);
    const badCommit = await deploy({ ...target, ci: { ...ci, commit: 'main' } });
    expect(badCommit.statusCode).toBe(400);
    expect(badCommit.json().error.message).toMatch(/^body\.ci\.commit: /);
    const extra = await deploy({ ...target, ci: { ...ci, token: 'secret' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/token/);
  });

  it('lets a CI token scoped to a service and environment report only its deployments', async () => {
    const { app, releaser, tokens } = fixture;
    const deploy = async (environment: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/deployments',
          headers: bearer(releaser),
          payload: { service: 'web', environment, ref: '3.0.0', awaitReport: true },
        })
      ).json<{ id: string }>().id;
    const inDev = await deploy('dev');
    const inProd = await deploy('prod');
    const { secret: ci } = await tokens.createToken({
      role: 'releaser',
      services: ['web'],
      environments: ['dev'],
      createdBy: 'test',
    });
    const reported = await app.inject({
      method: 'POST',
      url: `/api/deployments/${inDev}/status`,
      headers: bearer(ci),
      payload: { status: 'succeeded', log: 'rolled out by CI' },
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'succeeded', logs: 'rolled out by CI' });
    const outside = await app.inject({
      method: 'POST',
      url: `/api/deployments/${inProd}/status`,
      headers: bearer(ci),
      payload: { status: 'failed' },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toBe(
      'this token is not allowed deployments.create on environment prod (limited to dev)',
    );
    const badStatus = await app.inject({
      method: 'POST',
      url: `/api/deployments/${inDev}/status`,
      headers: bearer(ci),
      payload: { status: 'rolled_back' },
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.message).toMatch(/^body\.status: /);
  });
});
