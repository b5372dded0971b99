import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
// Two releases of demo under an open policy: this test is about CI context, not approvals.
import { adminToken, seedReleases } from './rollout-fixtures.js';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

const servers: BuiltServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  cleanupTempDirs();
});

/** What GitHub Actions sets in a workflow run's environment. */
const githubActions = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/demo',
  GITHUB_WORKFLOW_REF: 'acme/demo/.github/workflows/deploy.yml@refs/heads/main',
  GITHUB_RUN_ID: '9001',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: 'fedcba9876543210fedcba9876543210fedcba98',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_NAME: 'push',
};

interface EventsJson {
  events: { subject: string; payload: { ci?: Record<string, unknown> } }[];
}

describe.each(['embedded', 'server'] as const)('slipway deploy and promote (%s)', (mode) => {
  it('send the CI run from GitHub Actions variables and name the rollout they start', async () => {
    const work = makeTempDir('slipway-deploy-ci-');
    const dataDir = join(work.path, 'data');
    let env: Record<string, string> = { SLIPWAY_ACTOR: 'deployer' };
    let server: BuiltServer | undefined;
    if (mode === 'server') {
      server = await startBuiltServer(dataDir, {
        SLIPWAY_ADMIN_TOKEN: adminToken,
        SLIPWAY_DATABASE_URL: undefined,
      });
      servers.push(server);
      env = { ...env, SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: adminToken };
    }
    const cli = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
      runBuiltCliAsync([...args, ...(mode === 'embedded' ? ['--data-dir', dataDir] : [])], {
        cwd: work.path,
        env: { ...env, ...extra },
      });
    const ok = async (args: string[], extra: Record<string, string> = {}) => {
      const result = await cli(args, extra);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };

    writeFileSync(
      join(work.path, 'canary.json'),
      JSON.stringify({
        strategy: { kind: 'canary', steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 100 }] },
        trafficRouter: { kind: 'command', command: ['true'] },
      }),
    );
    await ok(['service', 'add', 'demo', '--lifecycle', 'staging,prod', '--allow-skip']);
    await ok(['service', 'set', 'demo', '--rollout-file', 'canary.json', '--env', 'prod']);
    await seedReleases(mode, dataDir, server?.url);
    await ok(['deploy', 'demo', '1.0.0', '--env', 'prod', '--strategy', 'all-at-once']);

    // In CI: the run goes with the request into the `started` event.
    const deployed = JSON.parse(
      (await ok(['deploy', 'demo', '1.1.0', '--env', 'staging', '--json'], githubActions)).stdout,
    ) as { id: string; status: string; rollout?: string };
    expect(deployed.status).toBe('succeeded');
    expect(deployed).not.toHaveProperty('rollout');
    const promoted = await ok(
      ['promote', 'demo', '--from', 'staging', '--to', 'prod'],
      githubActions,
    );

    const { events } = JSON.parse(
      (await ok(['ledger', 'list', '--type', 'deployment.started', '--json'])).stdout,
    ) as EventsJson;
    const ciOf = (subject: string) => events.find((event) => event.subject === subject)?.payload.ci;
    const run = {
      provider: 'github-actions',
      runId: '9001',
      runUrl: 'https://github.com/acme/demo/actions/runs/9001',
      actor: 'octocat',
      commit: githubActions.GITHUB_SHA,
    };
    expect(ciOf(`deployment:${deployed.id}`)).toMatchObject(run);
    expect(events.filter((event) => event.payload.ci !== undefined)).toHaveLength(2);
    expect(events.filter((event) => event.payload.ci === undefined)).toHaveLength(1);
    const shown = await ok(['deployment', 'show', deployed.id]);
    expect(shown.stdout).toContain(
      'ci: github-actions run 9001 by octocat at fedcba9 (https://github.com/acme/demo/actions/runs/9001)',
    );
    const shownJson = JSON.parse(
      (await ok(['deployment', 'show', deployed.id, '--json'])).stdout,
    ) as { ci?: object };
    expect(shownJson.ci).toMatchObject(run);

    // The promotion to prod became a canary: the output names it and how to follow it.
    const [rollout] = (
      JSON.parse(
        (await ok(['rollout', 'list', '--service', 'demo', '--env', 'prod', '--json'])).stdout,
      ) as { rollouts: { id: string; deploymentId: string }[] }
    ).rollouts;
    if (rollout === undefined) throw new Error('no rollout');
    expect(promoted.stdout).toContain(`promoted demo 1.1.0 from staging to prod: in_progress`);
    expect(promoted.stdout).toContain(`rollout ${rollout.id}: canary, first step 1/3 setWeight 25`);
    expect(promoted.stdout).toContain(`slipway rollout status ${rollout.id}`);
    expect(ciOf(`deployment:${rollout.deploymentId}`)).toMatchObject(run);

    // --json names it too; a CI report on the deployment it owns is refused.
    await ok(['rollout', 'abort', rollout.id, '--reason', 'trying again']);
    const again = JSON.parse(
      (await ok(['deploy', 'demo', '1.1.0', '--env', 'prod', '--json'])).stdout,
    ) as { id: string; status: string; rollout?: string };
    expect(again.status).toBe('in_progress');
    const [latest] = (
      JSON.parse(
        (await ok(['rollout', 'list', '--service', 'demo', '--env', 'prod', '--json'])).stdout,
      ) as { rollouts: { id: string; deploymentId: string }[] }
    ).rollouts;
    expect(latest?.deploymentId).toBe(again.id);
    expect(again.rollout).toBe(latest?.id);
    const report = await cli(['deployment', 'report', again.id, '--status', 'succeeded']);
    expect(report.status).not.toBe(0);
    expect(report.stderr).toContain(`rollout ${latest?.id ?? ''}`);
  }, 180_000);
});
