import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, nginxBinary, startNginx } from '@slipway/test-utils';
import type { RunningNginx, TempDir } from '@slipway/test-utils';
import { NginxTrafficRouter, createTrafficRouter } from '../../../src/index.js';
import { countAnswers, rollout, textServer } from './traffic-test-context.js';

describe('nginx traffic router against a real nginx', () => {
  let dir: TempDir;
  let nginx: RunningNginx;
  let v1: Awaited<ReturnType<typeof textServer>>;
  let v2: Awaited<ReturnType<typeof textServer>>;
  let router: NginxTrafficRouter;
  let upstreamFile: string;

  beforeAll(async () => {
    dir = makeTempDir('slipway-nginx-');
    [v1, v2] = await Promise.all([textServer('v1'), textServer('v2')]);
    upstreamFile = join(dir.path, 'upstreams.conf');
    nginx = await startNginx({
      dir: dir.path,
      upstreamFile,
      upstream: 'shop',
      initialServer: v1.address,
    });
    router = new NginxTrafficRouter({
      upstreamFile,
      upstream: 'shop',
      stable: v1.address,
      canary: v2.address,
      reload: nginx.reloadArgv,
      test: nginx.testArgv,
    });
  });

  afterAll(async () => {
    await nginx.stop();
    await Promise.all([v1.close(), v2.close()]);
    dir.cleanup();
  });

  /** A router on `file` between v1 and v2 that reloads with `reload`. */
  function routerOn(file: string, reload: readonly string[]): NginxTrafficRouter {
    return new NginxTrafficRouter({
      upstreamFile: file,
      upstream: 'shop',
      stable: v1.address,
      canary: v2.address,
      reload,
    });
  }

  /** `nginx -s reload` of a configuration file that does not exist. */
  function reloadOfMissing(at: string): string[] {
    return [
      nginxBinary,
      '-p',
      at,
      '-c',
      join(at, 'missing.conf'),
      '-e',
      join(at, 'e.log'),
      '-s',
      'reload',
    ];
  }

  async function setAndWait(weight: number): Promise<void> {
    const before = nginx.workers();
    await router.setWeight(weight, rollout);
    await nginx.whenReloaded(before);
  }

  it('sends all traffic to the stable at 0', async () => {
    await setAndWait(0);
    expect(await countAnswers(nginx.url, 200)).toEqual({ '200 v1': 200 });
    expect(await router.currentWeight(rollout)).toBe(0);
  });

  it('sends about a quarter to the canary at 25 (weighted round-robin is deterministic)', async () => {
    await setAndWait(25);
    const counts = await countAnswers(nginx.url, 200);
    expect((counts['200 v1'] ?? 0) + (counts['200 v2'] ?? 0)).toBe(200);
    expect(counts['200 v2']).toBeGreaterThanOrEqual(40);
    expect(counts['200 v2']).toBeLessThanOrEqual(60);
    expect(await router.currentWeight(rollout)).toBe(25);
  });

  it('sends all traffic to the canary at 100, and back to the stable at 0 again', async () => {
    await setAndWait(100);
    expect(await countAnswers(nginx.url, 200)).toEqual({ '200 v2': 200 });
    expect(await router.currentWeight(rollout)).toBe(100);
    await setAndWait(0);
    expect(await countAnswers(nginx.url, 50)).toEqual({ '200 v1': 50 });
  });

  it('takes concurrent calls one at a time, in order', async () => {
    const before = nginx.workers();
    await Promise.all([10, 50, 75].map((weight) => router.setWeight(weight, rollout)));
    await nginx.whenReloaded(before);
    expect(await router.currentWeight(rollout)).toBe(75);
    expect(nginx.errorLog()).not.toMatch(/\[emerg\]/);
  });

  it('is built by the factory from a rollout spec', async () => {
    const built = createTrafficRouter(
      { kind: 'nginx', upstreamFile, upstream: 'shop', stable: v1.address, canary: v2.address },
      { nginxTest: nginx.testArgv },
    );
    expect(built.kind).toBe('nginx');
    expect(await built.currentWeight(rollout)).toBe(75);
  });

  it('restores the file and reports nginx stderr when the reload fails', async () => {
    await setAndWait(10);
    const before = readFileSync(upstreamFile, 'utf8');
    // A configuration nginx cannot read: the reload fails before any signal is sent.
    const failing = routerOn(upstreamFile, reloadOfMissing(dir.path));
    const error = await failing.setWeight(60, rollout).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'SlipwayError', code: 'DEPLOY_FAILED' });
    expect((error as Error).message).toMatch(/missing\.conf/);
    expect((error as Error).message).toMatch(/No such file or directory/);
    expect(readFileSync(upstreamFile, 'utf8')).toBe(before);
    expect(await router.currentWeight(rollout)).toBe(10);
    // nginx still serves the 10% split it had.
    const counts = await countAnswers(nginx.url, 100);
    expect(counts['200 v2']).toBeGreaterThanOrEqual(5);
    expect(counts['200 v2']).toBeLessThanOrEqual(15);
  });

  it('checks the configuration before reloading, and reloads nothing when the check fails', async () => {
    await setAndWait(20);
    const before = readFileSync(upstreamFile, 'utf8');
    const workers = nginx.workers();
    const checked = new NginxTrafficRouter({
      upstreamFile,
      upstream: 'shop',
      stable: v1.address,
      canary: v2.address,
      test: reloadOfMissing(dir.path).slice(0, -2).concat('-t'),
      reload: nginx.reloadArgv,
    });
    await expect(checked.setWeight(80, rollout)).rejects.toThrow(/nginx check failed/);
    expect(readFileSync(upstreamFile, 'utf8')).toBe(before);
    expect(nginx.workers()).toEqual(workers);
  });

  it('restores the file when nginx is down (reload cannot find the master)', async () => {
    const scratch = makeTempDir('slipway-nginx-down-');
    const file = join(scratch.path, 'upstreams.conf');
    const down = await startNginx({
      dir: scratch.path,
      upstreamFile: file,
      upstream: 'shop',
      initialServer: v1.address,
    });
    await down.stop();
    const previous = readFileSync(file, 'utf8');
    const orphan = routerOn(file, down.reloadArgv);
    await expect(orphan.setWeight(50, rollout)).rejects.toThrow(/nginx\.pid/);
    expect(readFileSync(file, 'utf8')).toBe(previous);
    scratch.cleanup();
  });

  it('removes a file it created when the first reload fails', async () => {
    const scratch = makeTempDir('slipway-nginx-new-');
    const file = join(scratch.path, 'fresh.conf');
    const orphan = routerOn(file, reloadOfMissing(scratch.path));
    await expect(orphan.setWeight(5, rollout)).rejects.toThrow(/nginx reload failed/);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    expect(await orphan.currentWeight(rollout)).toBeNull();
    writeFileSync(file, '# not ours\n');
    expect(await orphan.currentWeight(rollout)).toBeNull();
    scratch.cleanup();
  });
});
