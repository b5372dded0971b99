import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, testDialects } from '@slipway/test-utils';
import { SlipwayError } from '@slipway/core';
import { deploymentCiContext, detectCiContext } from '../../src/index.js';
import { canarySpec } from '../rollouts/rollout-fixtures.js';
import { openRolloutTestEnv } from '../rollouts/rollout-test-env.js';
import { actor } from './deployment-fixtures.js';

afterEach(() => {
  cleanupTempDirs();
});

/** What GitHub Actions sets in a workflow run's environment. */
const githubActions = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/deploy.yml@refs/heads/main',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_NAME: 'push',
};

async function refusal(promise: Promise<unknown>): Promise<SlipwayError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SlipwayError)) throw new Error(`expected a SlipwayError, got ${error}`);
  return error;
}

describe.each(testDialects())('deployments with rollouts and CI on %s', (dialect) => {
  it('records the CI run of a deploy and a promote in their started events', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.addService({ name: 'cart', lifecycle: ['staging', 'prod'], allowSkip: true });
    await env.release('cart', '1.0.0', { rollForward: { reason: 'first', steps: ['fix'] } });
    const ci = deploymentCiContext(detectCiContext(githubActions));
    expect(ci).not.toBeNull();
    const deployed = await env.deployments.deploy(
      { service: 'cart', environment: 'staging', ref: '1.0.0', ...(ci === null ? {} : { ci }) },
      actor,
    );
    const promoted = await env.deployments.promote(
      { service: 'cart', from: 'staging', to: 'prod', ...(ci === null ? {} : { ci }) },
      actor,
    );
    const { events } = await env.ledger.listEvents({ type: 'deployment.started' });
    const bySubject = new Map(events.map((event) => [event.subject, event.payload]));
    const expected = {
      provider: 'github-actions',
      runId: '4242',
      runUrl: 'https://github.com/acme/shop/actions/runs/4242',
      actor: 'octocat',
      commit: githubActions.GITHUB_SHA,
    };
    expect(bySubject.get(`deployment:${deployed.id}`)).toMatchObject({ ci: expected });
    expect(bySubject.get(`deployment:${promoted.id}`)).toMatchObject({ ci: expected });

    // Outside CI nothing is added; a malformed context is refused naming the field.
    const local = await env.deployments.deploy(
      { service: 'cart', environment: 'staging', ref: '1.0.0' },
      actor,
    );
    const { events: after } = await env.ledger.listEvents({ subject: `deployment:${local.id}` });
    expect(after[0]?.payload).not.toHaveProperty('ci');
    const bad = await refusal(
      env.deployments.deploy(
        {
          service: 'cart',
          environment: 'staging',
          ref: '1.0.0',
          ci: { ...expected, builderId: 'x', ref: null, commit: 'not-a-sha' },
        },
        actor,
      ),
    );
    expect(bad.code).toBe('USAGE');
    expect(bad.message).toContain('ci.commit');
  });

  it('leaves the rollout to Argo for an argo-rollouts service: no Slipway rollout', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.addService({
      name: 'cart',
      lifecycle: ['prod'],
      rollout: { default: canarySpec },
      deployer: {
        kind: 'argo-rollouts',
        kubectl: ['slipway-test-kubectl-not-installed'],
        manifestDir: 'argo',
      },
    });
    await env.release('cart', '1.0.0', { rollForward: { reason: 'first', steps: ['fix'] } });
    const deployed = await env.deployments.deploy(
      { service: 'cart', environment: 'prod', ref: '1.0.0' },
      actor,
    );
    // The deployer wrote the resources; Argo runs the canary steps, Slipway starts nothing.
    expect(deployed).toMatchObject({
      status: 'succeeded',
      strategy: 'canary',
      deployer: 'argo-rollouts',
    });
    const manifest = join(env.dir, 'argo', 'cart-prod.yaml');
    expect(existsSync(manifest)).toBe(true);
    expect(readFileSync(manifest, 'utf8')).toContain('kind: Rollout');
    expect(await env.rollouts.listRollouts({ service: 'cart' })).toEqual([]);
    expect(await env.rollouts.rolloutOfDeployment(deployed.id)).toBeUndefined();
    expect(await env.eventTypes('rollout.')).toEqual([]);
  });

  it('refuses CI reports on a deployment its rollout settles, and awaitReport with a rollout', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning(canarySpec);
    const waiting = await refusal(
      env.deployments.deploy(
        { service: 'shop', environment: 'prod', ref: '1.1.0', awaitReport: true },
        actor,
      ),
    );
    expect(waiting.code).toBe('REFUSED');
    expect(waiting.message).toContain('awaitReport');
    expect(waiting.message).toContain('canary rollout');
    const { events: refused } = await env.ledger.listEvents({ type: 'deployment.refused' });
    expect(refused).toHaveLength(1);
    expect(await env.rollouts.listRollouts({ service: 'shop' })).toEqual([]);

    const deployed = await env.deployments.deploy(
      { service: 'shop', environment: 'prod', ref: '1.1.0' },
      actor,
    );
    expect(deployed.status).toBe('in_progress');
    const rollout = await env.rollouts.rolloutOfDeployment(deployed.id);
    if (rollout === undefined) throw new Error('no rollout');
    const report = await refusal(
      env.deployments.reportStatus(deployed.id, { status: 'succeeded' }, actor),
    );
    expect(report.code).toBe('REFUSED');
    expect(report.message).toContain(`rollout ${rollout.id}`);
    expect(await env.deployments.getDeployment(deployed.id)).toMatchObject({
      status: 'in_progress',
    });
    // An all-at-once deployment with awaitReport still waits for CI's report.
    await env.release('shop', '1.2.0');
    await env.rollouts.abortRollout(rollout.id, actor);
    const recorded = await env.deployments.deploy(
      {
        service: 'shop',
        environment: 'prod',
        ref: '1.2.0',
        strategy: 'all-at-once',
        awaitReport: true,
      },
      actor,
    );
    expect(recorded.status).toBe('in_progress');
    const reported = await env.deployments.reportStatus(
      recorded.id,
      { status: 'succeeded' },
      actor,
    );
    expect(reported.status).toBe('succeeded');
  });
});
