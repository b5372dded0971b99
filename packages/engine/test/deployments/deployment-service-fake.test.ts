import { beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeDeploymentService,
  FakeDeploymentSources,
  RecordDeployer,
} from '../../src/index.js';
import type {
  Deployer,
  DeployerOutcome,
  DeployerRequest,
  DeploymentOperations,
  DeploymentService,
  FakeLedgerStore,
} from '../../src/index.js';
import { actor, releaseRecord, service, ticking } from './deployment-fixtures.js';

/** Answers with whatever the test queued; records what it was asked. */
class ScriptedDeployer implements Deployer {
  readonly name = 'command';
  readonly requests: DeployerRequest[] = [];
  readonly outcomes: DeployerOutcome[] = [];

  deploy(request: DeployerRequest): Promise<DeployerOutcome> {
    this.requests.push(request);
    return Promise.resolve(this.outcomes.shift() ?? { status: 'succeeded', logs: 'ok\n' });
  }
}

describe('deployment service (fakes)', () => {
  let sources: FakeDeploymentSources;
  let deployments: DeploymentService;
  let ledger: FakeLedgerStore;
  let scripted: ScriptedDeployer;

  beforeEach(() => {
    sources = new FakeDeploymentSources();
    sources.addService(service('api'));
    sources.addService(service('web', { allowSkip: true }));
    sources.addService(service('worker', { deployer: { kind: 'command', command: ['x'] } }));
    sources.addService(service('idle'));
    for (const version of ['1.0.0', '1.1.0']) {
      sources.addRelease(releaseRecord('api', version));
      sources.addRelease(releaseRecord('web', version));
      sources.addRelease(releaseRecord('worker', version));
    }
    scripted = new ScriptedDeployer();
    const { service: created, ledger: store } = createFakeDeploymentService({
      sources,
      now: ticking(),
      deployerFor: (config) => (config === null ? new RecordDeployer() : scripted),
    });
    deployments = created;
    ledger = store;
  });

  async function through(name: string, version: string, environments: string[]): Promise<void> {
    for (const environment of environments) {
      await deployments.deploy({ service: name, environment, ref: version }, actor);
    }
  }

  it('deploys by version and by digest, and records started and succeeded', async () => {
    const first = await deployments.deploy(
      { service: 'api', environment: 'dev', ref: '1.0.0' },
      actor,
    );
    expect(first).toMatchObject({
      service: 'api',
      environment: 'dev',
      version: '1.0.0',
      status: 'succeeded',
      action: 'deploy',
      deployer: 'record',
      rollbackTarget: null,
      rollbackCommand: null,
      strategy: 'all-at-once',
    });
    expect(first.rollbackPlan.kind).toBe('none');
    const release = releaseRecord('api', '1.1.0');
    const second = await deployments.deploy(
      { service: 'api', environment: 'dev', ref: release.artifacts[1] ?? '' },
      actor,
    );
    expect(second.version).toBe('1.1.0');
    expect(second.rollbackTarget).toEqual({
      deploymentId: first.id,
      version: '1.0.0',
      digests: first.digests,
    });
    expect(second.rollbackCommand).toBe('slipway rollback api --env dev');
    expect(ledger.events.map((event) => event.type)).toEqual([
      'deployment.started',
      'deployment.succeeded',
      'deployment.started',
      'deployment.succeeded',
    ]);
  });

  it('promotes the digests running in the source environment', async () => {
    await through('api', '1.0.0', ['dev']);
    const promoted = await deployments.promote(
      { service: 'api', from: 'dev', to: 'staging' },
      actor,
    );
    expect(promoted).toMatchObject({
      action: 'promote',
      sourceEnvironment: 'dev',
      version: '1.0.0',
      digests: releaseRecord('api', '1.0.0').artifacts,
      status: 'succeeded',
    });
    await expect(
      deployments.promote({ service: 'api', from: 'staging', to: 'prod' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('no rollback path'),
    });
    await expect(
      deployments.promote({ service: 'idle', from: 'dev', to: 'staging' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('nothing runs in dev'),
    });
    await expect(
      deployments.promote({ service: 'api', from: 'qa', to: 'staging' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('unknown environment "qa"'),
    });
  });

  it('refuses skipping an environment unless the service allows it', async () => {
    await expect(
      deployments.deploy({ service: 'api', environment: 'staging', ref: '1.0.0' }, actor),
    ).rejects.toMatchObject({ code: 'REFUSED', subject: 'api/staging' });
    await expect(
      deployments.deploy({ service: 'web', environment: 'staging', ref: '1.0.0' }, actor),
    ).resolves.toMatchObject({ status: 'succeeded' });
    const refused = ledger.events.filter((event) => event.type === 'deployment.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.subject).toBe('service:api');
    expect(JSON.parse(refused[0]?.payload ?? '{}')).toMatchObject({
      service: 'api',
      environment: 'staging',
      action: 'deploy',
      ref: '1.0.0',
      reason: expect.stringContaining('has not succeeded in dev'),
    });
    expect(await deployments.history('api')).toEqual([]);
  });

  it('rolls back to the previous digests and marks the replaced deployment', async () => {
    await through('api', '1.0.0', ['dev']);
    const replaced = await deployments.deploy(
      { service: 'api', environment: 'dev', ref: '1.1.0' },
      actor,
    );
    const rollback = await deployments.rollback(
      { service: 'api', environment: 'dev' },
      { actor: 'bob' },
    );
    expect(rollback).toMatchObject({
      action: 'rollback',
      version: '1.0.0',
      status: 'succeeded',
      actor: 'bob',
    });
    expect(rollback.digests).toEqual(releaseRecord('api', '1.0.0').artifacts);
    expect(await deployments.getDeployment(replaced.id)).toMatchObject({ status: 'rolled_back' });
    const status = await deployments.status({ service: 'api' });
    expect(status.services[0]?.environments['dev']).toMatchObject({
      version: '1.0.0',
      actor: 'bob',
    });
    await expect(
      deployments.rollback({ service: 'api', environment: 'dev' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('nothing to roll back to'),
    });
    await expect(
      deployments.rollback({ service: 'api', environment: 'staging' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('nothing runs in staging'),
    });
  });

  it('runs a configured deployer with the request, and records its failure', async () => {
    scripted.outcomes.push({ status: 'failed', logs: 'boom\n' });
    const failed = await deployments.deploy(
      { service: 'worker', environment: 'dev', ref: '1.0.0' },
      actor,
    );
    expect(failed).toMatchObject({ status: 'failed', logs: 'boom\n', deployer: 'command' });
    expect(failed.finishedAt).not.toBeNull();
    expect(scripted.requests[0]).toMatchObject({
      deploymentId: failed.id,
      action: 'deploy',
      service: 'worker',
      environment: 'dev',
      version: '1.0.0',
      artifactPaths: [],
    });
    expect((await deployments.status({ service: 'worker' })).services[0]?.environments).toEqual({});
    const ok = await deployments.deploy(
      { service: 'worker', environment: 'dev', ref: '1.0.0' },
      actor,
    );
    // A failed deployment is no rollback target: there is still nothing known-good before.
    expect(ok.rollbackTarget).toBeNull();
    expect(ledger.events.map((event) => event.type)).toEqual([
      'deployment.started',
      'deployment.failed',
      'deployment.started',
      'deployment.succeeded',
    ]);
  });

  it('leaves an awaited deployment in progress until CI reports', async () => {
    const awaiting = await deployments.deploy(
      { service: 'api', environment: 'dev', ref: '1.0.0', awaitReport: true },
      actor,
    );
    expect(awaiting.status).toBe('in_progress');
    await expect(
      deployments.deploy({ service: 'api', environment: 'dev', ref: '1.1.0' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('waiting for its status report'),
    });
    const progress = await deployments.reportStatus(
      awaiting.id,
      { status: 'in_progress', log: 'half way\n' },
      { actor: 'ci' },
    );
    expect(progress).toMatchObject({
      status: 'in_progress',
      logs: expect.stringContaining('half way'),
    });
    const done = await deployments.reportStatus(
      awaiting.id,
      { status: 'succeeded', log: 'done\n' },
      { actor: 'ci' },
    );
    expect(done).toMatchObject({ status: 'succeeded', logs: expect.stringContaining('done\n') });
    await expect(
      deployments.reportStatus(awaiting.id, { status: 'failed' }, { actor: 'ci' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      deployments.reportStatus('nope', { status: 'failed' }, actor),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await deployments.status()).services.find((s) => s.name === 'api')?.environments,
    ).toMatchObject({
      dev: { version: '1.0.0' },
    });
  });

  it('lists every service in status and history newest first', async () => {
    await through('api', '1.0.0', ['dev', 'staging']);
    await through('api', '1.1.0', ['dev']);
    const status = await deployments.status();
    expect(status.services.map((s) => s.name)).toEqual(['api', 'idle', 'web', 'worker']);
    expect(Object.keys(status.services[0]?.environments ?? {})).toEqual(['dev', 'staging']);
    expect(status.services[1]?.environments).toEqual({});
    const history = await deployments.history('api');
    expect(history.map((d) => `${d.environment}@${d.version}`)).toEqual([
      'dev@1.1.0',
      'staging@1.0.0',
      'dev@1.0.0',
    ]);
    expect(await deployments.history('api', { environment: 'dev', limit: 1 })).toHaveLength(1);
    await expect(deployments.history('api', { limit: 0 })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(deployments.history('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to roll back a release whose irreversible migration rolls forward', async () => {
    const migration = { name: '0009-drop', kind: 'migration', rollback: 'irreversible' } as const;
    const rollForward = { reason: 'the column is gone', steps: ['release 2.0.1 with the fix'] };
    sources.addRelease(releaseRecord('web', '2.0.0', { components: [migration], rollForward }));
    await through('web', '1.0.0', ['dev']);
    const deployed = await deployments.deploy(
      { service: 'web', environment: 'dev', ref: '2.0.0' },
      actor,
    );
    expect(deployed.rollbackPlan.kind).toBe('roll-forward');
    expect(deployed.rollbackCommand).toBeNull();
    expect(deployed.rollbackTarget?.version).toBe('1.0.0');
    await expect(
      deployments.rollback({ service: 'web', environment: 'dev' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('release 2.0.1 with the fix'),
    });
    expect((await deployments.getDeployment(deployed.id)).status).toBe('succeeded');
  });

  it('rolls back step by step through the history of an environment', async () => {
    await through('api', '1.0.0', ['dev']);
    await through('api', '1.1.0', ['dev']);
    sources.addRelease(releaseRecord('api', '1.2.0'));
    await through('api', '1.2.0', ['dev']);
    const once = await deployments.rollback({ service: 'api', environment: 'dev' }, actor);
    expect(once.version).toBe('1.1.0');
    expect(once.rollbackTarget?.version).toBe('1.0.0');
    const twice = await deployments.rollback({ service: 'api', environment: 'dev' }, actor);
    expect(twice.version).toBe('1.0.0');
    expect(twice.rollbackTarget).toBeNull();
    const history = await deployments.history('api');
    expect(history.map((d) => `${d.action} ${d.version} ${d.status}`)).toEqual([
      'rollback 1.0.0 succeeded',
      'rollback 1.1.0 rolled_back',
      'deploy 1.2.0 rolled_back',
      'deploy 1.1.0 succeeded',
      'deploy 1.0.0 succeeded',
    ]);
  });

  it('is the deployment part of the embedded control plane', () => {
    const operations: DeploymentOperations = deployments;
    expect(typeof operations.reportStatus).toBe('function');
  });

  it('plans a rollback before the deployment', async () => {
    await through('api', '1.0.0', ['dev', 'staging']);
    await expect(
      deployments.planRollback({ service: 'api', environment: 'prod' }),
    ).resolves.toMatchObject({
      kind: 'none',
      target: null,
    });
    await through('api', '1.1.0', ['dev']);
    const plan = await deployments.planRollback({
      service: 'api',
      environment: 'staging',
      ref: '1.1.0',
    });
    expect(plan).toMatchObject({ kind: 'rollback', target: { version: '1.0.0' } });
    await expect(
      deployments.planRollback({ service: 'api', environment: 'dev' }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(
      deployments.planRollback({ service: 'api', environment: 'qa', ref: '1.0.0' }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('dev → staging → prod'),
    });
  });
});
