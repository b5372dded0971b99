import { describe, expect, it } from 'vitest';
import { createFakeDeploymentService, FakeDeploymentSources } from '../../src/index.js';
import type { Deployer, DeployerOutcome } from '../../src/index.js';
import { actor, releaseRecord, service } from './deployment-fixtures.js';

/** The first run never answers (its server died); later runs succeed. */
class DyingDeployer implements Deployer {
  readonly name = 'command';
  calls = 0;
  deploy(): Promise<DeployerOutcome> {
    this.calls += 1;
    if (this.calls === 1) return new Promise<DeployerOutcome>(() => undefined);
    return Promise.resolve({ status: 'succeeded', logs: 'ok\n' });
  }
}

function setup(timeoutSeconds: number) {
  let now = Date.parse('2026-03-02T00:00:00.000Z');
  const sources = new FakeDeploymentSources();
  sources.addService(
    service('api', { deployer: { kind: 'command', command: ['deploy'], timeoutSeconds } }),
  );
  sources.addRelease(releaseRecord('api', '1.0.0'));
  sources.addRelease(releaseRecord('api', '1.1.0'));
  const deployer = new DyingDeployer();
  const { service: deployments, ledger } = createFakeDeploymentService({
    sources,
    now: () => new Date(now),
    deployerFor: () => deployer,
    busyWaitMs: 0,
  });
  return { deployments, ledger, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('a command deployment its server abandoned', () => {
  it('keeps the environment busy while it may still be running', async () => {
    const { deployments, advance } = setup(120);
    void deployments.deploy({ service: 'api', environment: 'dev', ref: '1.0.0' }, actor);
    await new Promise((resolve) => setTimeout(resolve, 10));
    advance(120 + 59);
    await expect(
      deployments.deploy({ service: 'api', environment: 'dev', ref: '1.1.0' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('still in progress'),
    });
  });

  it('is recorded failed once well past its timeout, and the next deployment runs', async () => {
    const { deployments, ledger, advance } = setup(120);
    void deployments.deploy({ service: 'api', environment: 'dev', ref: '1.0.0' }, actor);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [stuck] = await deployments.history('api');
    expect(stuck?.status).toBe('in_progress');
    advance(120 + 61);
    const next = await deployments.deploy(
      { service: 'api', environment: 'dev', ref: '1.1.0' },
      actor,
    );
    expect(next.status).toBe('succeeded');
    const failed = await deployments.getDeployment(stuck?.id ?? '');
    expect(failed.status).toBe('failed');
    expect(failed.logs).toContain('abandoned');
    const types = ledger.events.map((event) => `${event.type} ${event.subject}`);
    expect(types).toContain(`deployment.failed deployment:${stuck?.id ?? ''}`);
  });
});
