import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../../../../../bench/generate-repo.js';

afterAll(() => {
  cleanupTempDirs();
});

function git(dir: string, args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

describe('generateRepo (bench)', () => {
  it('writes the requested commits and a tag every tagEvery commits, reproducibly', async () => {
    const root = makeTempDir('slipway-bench-').path;
    const first = await generateRepo({ dir: join(root, 'a'), commits: 200, tagEvery: 50 });
    const second = await generateRepo({ dir: join(root, 'b'), commits: 200, tagEvery: 50 });
    const other = await generateRepo({ dir: join(root, 'c'), commits: 200, seed: 2 });

    expect(git(first.dir, ['rev-list', '--count', 'HEAD'])).toBe('200');
    const tags = git(first.dir, ['tag', '--sort=v:refname']).split('\n');
    expect(tags).toEqual(['v0.1.0', 'v0.2.0', 'v0.3.0', 'v0.4.0']);
    expect(first.tags).toEqual(tags);
    // Tag N sits on commit N * 50, counted from the root.
    expect(git(first.dir, ['rev-list', '--count', 'v0.2.0'])).toBe('100');
    expect(git(first.dir, ['rev-parse', 'v0.4.0'])).toBe(git(first.dir, ['rev-parse', 'HEAD']));

    expect(git(second.dir, ['rev-parse', 'HEAD'])).toBe(git(first.dir, ['rev-parse', 'HEAD']));
    expect(git(other.dir, ['rev-parse', 'HEAD'])).not.toBe(git(first.dir, ['rev-parse', 'HEAD']));
    expect(git(other.dir, ['tag'])).toBe('');
    expect(git(first.dir, ['status', '--porcelain'])).toBe('');
  });

  it('writes realistic messages: conventional types, breaking changes, references, trailers', async () => {
    const dir = join(makeTempDir('slipway-bench-').path, 'repo');
    await generateRepo({ dir, commits: 1000 });
    const log = git(dir, ['log', '-z', '--format=%B']).split('\0');
    const headers = log.map((message) => message.split('\n')[0] ?? '');
    const conventional = headers.filter((h) => /^[a-z]+(\([a-z]+\))?!?: /.test(h));
    expect(conventional.length).toBeGreaterThan(900);
    expect(conventional.length).toBeLessThan(1000);
    for (const type of ['feat', 'fix', 'perf', 'docs', 'chore', 'refactor', 'test']) {
      expect(headers.some((h) => h.startsWith(`${type}`))).toBe(true);
    }
    const breaking = log.filter(
      (m) => /^[a-z]+(\([a-z]+\))?!:/.test(m) || /BREAKING CHANGE: /.test(m),
    );
    expect(breaking.length).toBeGreaterThan(5);
    expect(breaking.length).toBeLessThan(60);
    expect(headers.some((h) => /\(#\d+\)$/.test(h))).toBe(true);
    expect(log.some((m) => /^Closes #\d+$/m.test(m))).toBe(true);
    expect(log.some((m) => /^Co-authored-by: .+ <.+>$/m.test(m))).toBe(true);
    expect(log.some((m) => /^Reviewed-by: .+ <.+>$/m.test(m))).toBe(true);
    // One small file per commit by default.
    const touched = git(dir, ['log', '--format=', '--name-only', '-20']).split('\n');
    expect(touched.filter((line) => line !== '')).toHaveLength(20);
  });
});
