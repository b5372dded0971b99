import { describe, expect, it } from 'vitest';
import type { RollbackPlan } from '@slipway/core';
import type { Deployer, DeployerOutcome, DeployerRequest, Deployment } from '../../src/index.js';
import { forwardSteps, rollbackSteps } from '../../src/features/deployments/deployment-steps.js';
import { runDeployer } from '../../src/features/deployments/run-deployer.js';

const plan: RollbackPlan = {
  service: 'shop',
  environment: 'prod',
  kind: 'rollback',
  target: { deploymentId: 'd0', version: '1.0.0', digests: ['sha256:a'] },
  steps: [
    { component: 'worker', action: 'drain', description: 'drain', command: 'drain-now' },
    { component: 'schema', action: 'migrate-down', description: 'down', command: 'db down' },
    { component: 'app', action: 'redeploy', description: 'redeploy', command: null },
    { component: 'worker', action: 'restart', description: 'restart', command: null },
  ],
  command: 'slipway rollback shop --env prod',
  notes: [],
};

const deployment = {
  id: 'd1',
  action: 'deploy',
  service: 'shop',
  environment: 'prod',
  version: '1.1.0',
  digests: ['sha256:b'],
} as unknown as Deployment;

/** Answers from a script of outcomes and remembers every request. */
class ScriptedDeployer implements Deployer {
  readonly name = 'scripted';
  readonly requests: DeployerRequest[] = [];
  readonly #outcomes: DeployerOutcome[];
  constructor(outcomes: DeployerOutcome[]) {
    this.#outcomes = outcomes;
  }
  deploy(request: DeployerRequest): Promise<DeployerOutcome> {
    this.requests.push(request);
    return Promise.resolve(this.#outcomes.shift() ?? { status: 'succeeded', logs: '' });
  }
}

describe('deployment steps', () => {
  it('deploys each migration with an up step on its own, in the order declared', () => {
    expect(
      forwardSteps([
        { name: 'app', kind: 'code', rollback: 'redeploy' },
        { name: 'schema', kind: 'migration', rollback: 'reversible', up: 'db up', down: 'db down' },
        { name: 'seed', kind: 'migration', rollback: 'irreversible' },
        { name: 'search', kind: 'migration', rollback: 'irreversible', up: 'reindex' },
      ]),
    ).toEqual([
      { kind: 'migrate', component: 'schema', command: 'db up' },
      { kind: 'migrate', component: 'search', command: 'reindex' },
    ]);
  });

  it('takes the drain and down steps of the rollback plan, in its order', () => {
    expect(rollbackSteps(plan)).toEqual([
      { kind: 'drain', component: 'worker', command: 'drain-now' },
      { kind: 'migrate-down', component: 'schema', command: 'db down' },
    ]);
  });

  it('runs the steps before the code and stops at a failed one', async () => {
    const deployer = new ScriptedDeployer([
      { status: 'succeeded', logs: 'drained\n' },
      { status: 'failed', logs: 'down failed\n' },
    ]);
    const outcome = await runDeployer(
      deployer,
      { artifactPath: () => '/blobs/b' },
      deployment,
      false,
      rollbackSteps(plan),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.logs).toContain('the code was not deployed');
    expect(deployer.requests.map((request) => request.step?.kind ?? 'deploy')).toEqual([
      'drain',
      'migrate-down',
    ]);
    expect(deployer.requests[0]?.artifactPaths).toEqual(['/blobs/b']);
  });

  it('deploys the code after every step succeeded, with all logs', async () => {
    const deployer = new ScriptedDeployer([
      { status: 'succeeded', logs: 'migrated\n' },
      { status: 'succeeded', logs: 'deployed\n' },
    ]);
    const outcome = await runDeployer(deployer, { artifactPath: () => null }, deployment, false, [
      { kind: 'migrate', component: 'schema', command: 'db up' },
    ]);
    expect(outcome).toEqual({
      status: 'succeeded',
      logs: '== migrate schema: db up\nmigrated\n== deploy\ndeployed\n',
    });
    expect(deployer.requests.map((request) => request.step)).toEqual([
      { kind: 'migrate', component: 'schema', command: 'db up' },
      undefined,
    ]);
  });
});
