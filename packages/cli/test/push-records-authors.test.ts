import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_IDENTITY, cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli-in-process.js';

afterAll(() => cleanupTempDirs());

describe('slipway push records the release’s commit authors', () => {
  it('names every author and co-author since the previous tag, as `slipway authors` does', async () => {
    const dataDir = join(makeTempDir('slipway-push-authors-').path, 'data');
    const grace = { name: 'Grace Hopper', email: 'grace@example.com' };
    const repo = createGitRepo([
      {
        commit: 'feat: the shop opens',
        files: { 'pyproject.toml': '[project]\nname = "shop"\nversion = "0.0.0"\n' },
      },
      { tag: 'v0.1.0', message: 'shop 0.1.0' },
      { commit: 'feat: cards', files: { 'cards.py': 'x' }, author: grace },
      {
        commit: 'fix: till\n\nCo-authored-by: Ada Lovelace <Ada@Example.com>\n',
        files: { 'till.py': 'y' },
      },
    ]);
    const run = async (args: string[]): Promise<string> => {
      const result = await runCliInProcess([...args, '-C', repo.dir], { SLIPWAY_ACTOR: 'ci' });
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result.stdout;
    };
    await run(['release']);
    await run(['service', 'add', 'shop', '--data-dir', dataDir]);
    mkdirSync(join(repo.dir, 'dist'));
    writeFileSync(join(repo.dir, 'dist', 'shop-0.2.0.bin'), 'shop\n');
    const pushed = JSON.parse(
      await run(['push', '--artifact', 'dist', '--data-dir', dataDir, '--json']),
    ) as {
      release: { version: string; firstCommitTime?: string };
      authors: { name: string; email: string }[];
    };
    expect(pushed.release.version).toBe('0.2.0');
    // Lead time starts at the oldest commit since the previous tag (committer time, UTC).
    const times = execFileSync('git', ['log', '--format=%ct', 'v0.1.0..HEAD'], { cwd: repo.dir })
      .toString()
      .trim()
      .split('\n')
      .map(Number);
    expect(pushed.release.firstCommitTime).toBe(new Date(Math.min(...times) * 1000).toISOString());
    // Grace's commit, Ada's co-authorship and the release commit's author, by e-mail.
    expect(pushed.authors).toEqual([
      { name: 'Ada Lovelace', email: 'ada@example.com' },
      grace,
      { name: TEST_IDENTITY.name, email: TEST_IDENTITY.email },
    ]);
    // `slipway authors` afterwards adds nobody: push recorded them all.
    const again = JSON.parse(
      await run(['authors', 'shop', '0.2.0', '--data-dir', dataDir, '--json']),
    ) as { since: string; authors: unknown[] };
    expect(again).toEqual({ since: 'v0.1.0', authors: pushed.authors });
  });
});
