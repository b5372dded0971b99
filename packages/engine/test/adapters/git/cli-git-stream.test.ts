import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('reads git through its spool while git writes in bursts, and leaves no file behind', async () => {
    // git writes a little, pauses, then the rest: the reader must wait at the end of what was
    // written, not take it for the end of the log.
    const tools = makeTempDir('slipway-wrapper-').path;
    const wrapper = join(tools, 'git-wrapper.sh');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nif [ "$1" = log ]; then git "$@" | (head -c 5000; sleep 0.2; cat); exit 0; fi\nexec git "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const spools = (): string[] =>
      readdirSync(tmpdir()).filter((name) => name.startsWith('slipway-log-'));
    const before = spools();
    const seen: string[] = [];
    for await (const batch of new CliGit({ cwd: dir, gitBinary: wrapper }).logBatches({
      to: 'HEAD',
      exclude: [],
    })) {
      for (const commit of batch) seen.push(commit.sha);
    }
    const expected = spawnSync('git', ['rev-list', 'HEAD'], { cwd: dir, encoding: 'utf8' });
    expect(seen).toEqual(expected.stdout.trim().split('\n'));
    expect(spools()).toEqual(before);
  });

  it('reads git through a pipe when no spool file can be made', async () => {
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = join(makeTempDir('slipway-no-tmp-').path, 'missing');
    try {
      const seen: string[] = [];
      for await (const commit of new CliGit({ cwd: dir }).log({ to: 'HEAD~19000', exclude: [] })) {
        seen.push(commit.sha);
      }
      expect(seen).toHaveLength(COMMITS - 19_000);
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
  });
});
