import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { openPolicy } from '@slipway/core';
import { HttpControlPlane } from '@slipway/engine';
import { adminToken, release, seedReleases, writeRouter } from './rollout-fixtures.js';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

const servers: BuiltServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  cleanupTempDirs();
});

interface RolloutJson {
  id: string;
  deploymentId: string;
  status: string;
  currentStep: number;
  weight: number;
  message: string | null;
}

describe.each(['embedded', 'server'] as const)('slipway rollout (%s)', (mode) => {
  it('declares a canary from a file, then lists, shows, pauses, aborts, retries and promotes it', async () => {
    const work = makeTempDir('slipway-rollout-cli-');
    const dataDir = join(work.path, 'data');
    const router = writeRouter(work.path);
    let env: Record<string, string> = { SLIPWAY_ACTOR: 'rollout-owner' };
    let server: BuiltServer | undefined;
    if (mode === 'server') {
      server = await startBuiltServer(dataDir, {
        SLIPWAY_ADMIN_TOKEN: adminToken,
        SLIPWAY_DATABASE_URL: undefined,
      });
      servers.push(server);
      env = { ...env, SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: adminToken };
    }
    const cli = (args: string[]): Promise<CliResult> =>
      runBuiltCliAsync([...args, ...(mode === 'embedded' ? ['--data-dir', dataDir] : [])], {
        cwd: work.path,
        env,
      });
    const ok = async (args: string[]): Promise<CliResult> => {
      const result = await cli(args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };
    const json = async <T>(args: string[]): Promise<T> =>
      JSON.parse((await ok([...args, '--json'])).stdout) as T;

    // prod's spec from TOML; the default (for other environments) from JSON.
    writeFileSync(
      join(work.path, 'rollout-prod.toml'),
      [
        '[strategy]',
        'kind = "canary"',
        'steps = [{ setWeight = 25 }, { pause = {} }, { setWeight = 100 }]',
        '',
        '[trafficRouter]',
        'kind = "command"',
        `command = ${JSON.stringify(router.argv)}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(work.path, 'rollout.json'),
      JSON.stringify({ strategy: { kind: 'blue-green', autoPromotionSeconds: 60 } }),
    );
    writeFileSync(
      join(work.path, 'broken.json'),
      JSON.stringify({ strategy: { kind: 'canary', steps: [{ setWeight: 140 }] } }),
    );
    await ok([
      'service',
      'add',
      'demo',
      '--lifecycle',
      'staging,prod',
      '--allow-skip',
      '--rollout-file',
      'rollout-prod.toml',
      '--env',
      'prod',
    ]);
    const refused = await cli(['service', 'set', 'demo', '--rollout-file', 'broken.json']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/broken\.json.*steps\[0\]\.setWeight/);
    const declared = await json<{ rollout: { default?: unknown; environments?: object } }>([
      'service',
      'set',
      'demo',
      '--rollout-file',
      'rollout.json',
    ]);
    expect(declared.rollout).toEqual({
      default: { strategy: { kind: 'blue-green', autoPromotionSeconds: 60 } },
      environments: {
        prod: {
          strategy: {
            kind: 'canary',
            steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 100 }],
          },
          trafficRouter: { kind: 'command', command: router.argv },
        },
      },
    });

    await seedReleases(mode, dataDir, server?.url);
    await ok(['deploy', 'demo', '1.0.0', '--env', 'prod', '--strategy', 'all-at-once']);
    const deployed = await json<{ id: string; status: string }>([
      'deploy',
      'demo',
      '1.1.0',
      '--env',
      'prod',
    ]);
    expect(deployed.status).toBe('in_progress');

    const { rollouts } = await json<{ rollouts: RolloutJson[] }>([
      'rollout',
      'list',
      '--service',
      'demo',
      '--env',
      'prod',
    ]);
    expect(rollouts).toHaveLength(1);
    const id = rollouts[0]?.id ?? '';
    expect(rollouts[0]).toMatchObject({ deploymentId: deployed.id });

    if (mode === 'embedded') {
      // Nothing ticks in a CLI process: manual actions move the rollout (each ticks once).
      expect((await json<RolloutJson>(['rollout', 'pause', id])).status).toBe('paused');
      await ok(['rollout', 'resume', id]);
    }
    // `slipway serve` ticks: the canary takes 25% and waits at its indefinite pause.
    const deadline = Date.now() + 20_000;
    let current = await json<RolloutJson>(['rollout', 'status', id]);
    while (current.status !== 'paused' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      current = await json<RolloutJson>(['rollout', 'status', id]);
    }
    expect(current).toMatchObject({ status: 'paused', currentStep: 1, weight: 25 });

    const shown = await ok(['rollout', 'status', 'demo', '--env', 'prod']);
    expect(shown.stdout).toContain(`demo 1.1.0 from 1.0.0 in prod: paused canary`);
    expect(shown.stdout).toContain('step 2/3 (pause until promoted), weight 25%');
    const listed = await ok(['rollout', 'list', '--status', 'paused']);
    expect(listed.stdout).toContain(id);
    const none = await ok(['rollout', 'list', '--status', 'aborted']);
    expect(none.stdout.trim()).toBe('no rollouts');

    const aborted = await json<RolloutJson>([
      'rollout',
      'abort',
      id,
      '--reason',
      'error budget burnt',
    ]);
    expect(aborted).toMatchObject({ status: 'aborted', weight: 0 });
    expect(aborted.message).toContain('error budget burnt');
    const deployment = await json<{ status: string }>(['deployment', 'show', deployed.id]);
    expect(deployment.status).toBe('failed');
    const again = await cli(['rollout', 'abort', id]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/abort/);
    const missing = await cli(['rollout', 'status', 'no-such-rollout']);
    expect(missing.status).toBe(1);
    const usage = await cli(['rollout', 'list', '--status', 'finished']);
    expect(usage.status).toBe(2);

    const retried = await json<RolloutJson>(['rollout', 'retry', id]);
    expect(retried).toMatchObject({ status: 'paused', currentStep: 1, weight: 25 });
    const promoted = await ok(['rollout', 'promote', id]);
    expect(promoted.stdout).toContain('promoted rollout');
    expect(promoted.stdout).toContain('succeeded');
    expect((await json<{ status: string }>(['deployment', 'show', deployed.id])).status).toBe(
      'succeeded',
    );
    const status = await json<{
      services: { environments: Record<string, { version: string }> }[];
    }>(['status', '--service', 'demo']);
    expect(status.services[0]?.environments['prod']?.version).toBe('1.1.0');
    expect(router.weights()).toEqual([25, 0, 25, 100]);

    const events = await json<{ events: { type: string; actor: string }[] }>([
      'ledger',
      'list',
      '--type',
      'rollout.aborted',
    ]);
    expect(events.events).toHaveLength(1);
  }, 180_000);
});

describe('a rollout across a restart of slipway serve', () => {
  it('stays where it was while no server runs, and a new server finishes it', async () => {
    const work = makeTempDir('slipway-rollout-restart-');
    const dataDir = join(work.path, 'data');
    const router = writeRouter(work.path);
    const serverEnv = { SLIPWAY_ADMIN_TOKEN: adminToken, SLIPWAY_DATABASE_URL: undefined };
    const cli = async (args: string[], server?: BuiltServer): Promise<RolloutJson> => {
      const where = server === undefined ? ['--data-dir', dataDir] : ['--server', server.url];
      const result = await runBuiltCliAsync([...args, ...where, '--json'], {
        cwd: work.path,
        env: { SLIPWAY_TOKEN: adminToken },
      });
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return JSON.parse(result.stdout) as RolloutJson;
    };
    const waitFor = async (server: BuiltServer, id: string, status: string) => {
      const deadline = Date.now() + 20_000;
      let current = await cli(['rollout', 'status', id], server);
      while (current.status !== status && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        current = await cli(['rollout', 'status', id], server);
      }
      expect(current.status).toBe(status);
      return current;
    };

    const first = await startBuiltServer(dataDir, serverEnv);
    servers.push(first);
    const plane = new HttpControlPlane({ url: first.url, token: adminToken });
    const spec = {
      strategy: {
        kind: 'canary',
        steps: [{ setWeight: 50 }, { pause: { seconds: 3 } }, { setWeight: 100 }],
      },
      trafficRouter: { kind: 'command', command: router.argv },
    } as const;
    await plane.addService(
      { name: 'demo', lifecycle: ['prod'], rollout: { default: spec } },
      { actor: 'x' },
    );
    // About a restart, not approvals: the open policy lifts the tier defaults (ADR 0024).
    await plane.setPolicy(openPolicy, { actor: 'x' });
    for (const version of ['1.0.0', '1.1.0']) await release(plane, version);
    await plane.deploy(
      { service: 'demo', environment: 'prod', ref: '1.0.0', strategy: 'all-at-once' },
      { actor: 'x' },
    );
    const deployment = await plane.deploy(
      { service: 'demo', environment: 'prod', ref: '1.1.0' },
      { actor: 'x' },
    );
    const [rollout] = await plane.rollouts.listRollouts({ service: 'demo' });
    const id = rollout?.id ?? '';
    const paused = await waitFor(first, id, 'paused');
    expect(paused).toMatchObject({ currentStep: 1, weight: 50 });
    await first.stop();

    // No server: the timed pause ends, but nothing runs the next step.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await cli(['rollout', 'status', id])).toMatchObject({ status: 'paused', weight: 50 });
    expect(router.weights()).toEqual([50]);

    const second = await startBuiltServer(dataDir, serverEnv);
    servers.push(second);
    const done = await waitFor(second, id, 'succeeded');
    expect(done.weight).toBe(100);
    expect(router.weights()).toEqual([50, 100]);
    const after = new HttpControlPlane({ url: second.url, token: adminToken });
    expect((await after.getDeployment(deployment.id)).status).toBe('succeeded');
  }, 120_000);
});
