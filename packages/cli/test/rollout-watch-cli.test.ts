import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import { seedReleases, writeRouter } from './rollout-fixtures.js';

afterEach(() => cleanupTempDirs());

/** A service whose prod canary runs through the given steps on a `command` router. */
async function canaryProject(steps: readonly object[]) {
  const work = makeTempDir('slipway-rollout-watch-');
  const dataDir = join(work.path, 'data');
  const router = writeRouter(work.path);
  const cli = (args: string[]): Promise<CliResult> =>
    runBuiltCliAsync([...args, '--data-dir', dataDir], {
      cwd: work.path,
      env: { SLIPWAY_ACTOR: 'rollout-owner' },
    });
  writeFileSync(
    join(work.path, 'rollout.json'),
    JSON.stringify({
      strategy: { kind: 'canary', steps },
      trafficRouter: { kind: 'command', command: router.argv },
    }),
  );
  const added = await cli([
    'service',
    'add',
    'demo',
    '--lifecycle',
    'prod',
    '--rollout-file',
    'rollout.json',
  ]);
  expect(added.status, added.stderr).toBe(0);
  await seedReleases('embedded', dataDir);
  const first = await cli([
    'deploy',
    'demo',
    '1.0.0',
    '--env',
    'prod',
    '--strategy',
    'all-at-once',
  ]);
  expect(first.status, first.stderr).toBe(0);
  const second = await cli(['deploy', 'demo', '1.1.0', '--env', 'prod', '--json']);
  expect(second.status, second.stderr).toBe(0);
  const listed = await cli(['rollout', 'list', '--service', 'demo', '--json']);
  const { rollouts } = JSON.parse(listed.stdout) as { rollouts: { id: string }[] };
  return { cli, router, id: rollouts[0]?.id ?? '' };
}

describe('slipway rollout watch (embedded: no server runs the steps)', () => {
  it('runs the due steps and a timed pause in this process until the rollout succeeds', async () => {
    const { cli, router, id } = await canaryProject([
      { setWeight: 30 },
      { pause: { seconds: 1 } },
      { setWeight: 100 },
    ]);
    const watched = await cli(['rollout', 'watch', id, '--interval', '0.2', '--timeout', '60']);
    expect(watched.status, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(/paused/);
    expect(watched.stdout).toMatch(/succeeded/);
    expect(router.weights()).toEqual([30, 100]);

    const status = await cli(['rollout', 'status', id, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'succeeded', weight: 100 });
    const environment = await cli(['status', '--json']);
    expect(environment.stdout).toContain('"1.1.0"');
  });

  it('gives up at --timeout on a pause that waits for a person, and leaves the rollout as it was', async () => {
    const { cli, router, id } = await canaryProject([
      { setWeight: 20 },
      { pause: {} },
      { setWeight: 100 },
    ]);
    const watched = await cli(['rollout', 'watch', id, '--interval', '0.2', '--timeout', '1']);
    expect(watched.status).toBe(1);
    expect(watched.stderr).toMatch(new RegExp(`rollout ${id} is still paused`));
    expect(watched.stderr).toMatch(/rollout promote\|abort/);
    const status = await cli(['rollout', 'status', id, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'paused', weight: 20 });
    expect(router.weights()).toEqual([20]);
  });
});
