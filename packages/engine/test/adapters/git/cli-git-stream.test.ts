import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../../../../../bench/generate-repo.js';
import { CliGit } from '../../../src/adapters/git/index.js';

const COMMITS = 20_000;
let dir = '';

beforeAll(async () => {
  dir = join(makeTempDir('slipway-stream-').path, 'repo');
  await generateRepo({ dir, commits: COMMITS, tagEvery: 1000, seed: 7 });
});

afterAll(() => {
  cleanupTempDirs();
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

describe('CliGit.log on a long history', () => {
  it('streams every commit once, in the order git gives them', async () => {
    const git = new CliGit({ cwd: dir });
    const shas: string[] = [];
    for await (const commit of git.log({ to: 'HEAD', exclude: [] })) shas.push(commit.sha);
    const expected = spawnSync('git', ['rev-list', 'HEAD'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(shas).toEqual(expected.stdout.trim().split('\n'));
    expect(shas).toHaveLength(COMMITS);
  });

  it('gives the same commits in batches, each batch non-empty', async () => {
    const git = new CliGit({ cwd: dir });
    const one: string[] = [];
    for await (const commit of git.log({ to: 'HEAD', exclude: [] })) one.push(commit.sha);
    const batched: string[] = [];
    let batches = 0;
    for await (const batch of git.logBatches({ to: 'HEAD', exclude: [] })) {
      expect(batch.length).toBeGreaterThan(0);
      batches += 1;
      for (const commit of batch) batched.push(commit.sha);
    }
    expect(batched).toEqual(one);
    expect(batches).toBeGreaterThan(1);
    expect(batches).toBeLessThan(COMMITS / 10);
  });

  it('kills git when the consumer stops early', async () => {
    // A wrapper that records git's PID (exec keeps it) so the test can watch the real process.
    const tools = makeTempDir('slipway-wrapper-').path;
    const pidFile = join(tools, 'git.pid');
    const wrapper = join(tools, 'git-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec git "$@"\n`);
    chmodSync(wrapper, 0o755);
    const git = new CliGit({ cwd: dir, gitBinary: wrapper });
    let seen = 0;
    for await (const _commit of git.log({ to: 'HEAD', exclude: [] })) {
      seen += 1;
      if (seen === 3) break;
    }
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(seen).toBe(3);
    expect(pid).toBeGreaterThan(0);
    // Without the kill, git would sit blocked on a full pipe for as long as this process lives.
    expect(await waitUntil(() => !isRunning(pid), 5000)).toBe(true);
  });

  it('streams every commit of a large history once, in git order', async () => {
    // Speed is measured by `npm run bench`; this checks that nothing is lost or repeated.
    const args = ['log', '--format=%H', 'HEAD'];
    const expected = spawnSync('git', args, { cwd: dir, encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    const git = new CliGit({ cwd: dir });
    const seen: string[] = [];
    for await (const commit of git.log({ to: 'HEAD', exclude: [] })) seen.push(commit.sha);
    expect(seen).toHaveLength(COMMITS);
    expect(seen).toEqual(expected);
  });
});
