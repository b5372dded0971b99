import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli-in-process.js';

afterAll(() => cleanupTempDirs());

describe('slipway push --fixes', () => {
  it('marks the release as the fix of an earlier version, and refuses a version that does not exist', async () => {
    const dataDir = join(makeTempDir('slipway-push-fixes-').path, 'data');
    const repo = createGitRepo([
      {
        commit: 'feat: the shop opens',
        files: { 'pyproject.toml': '[project]\nname = "shop"\nversion = "0.0.0"\n' },
      },
      { tag: 'v0.1.0', message: 'shop 0.1.0' },
      { commit: 'feat: cards', files: { 'cards.py': 'x' } },
    ]);
    const run = (args: string[]) =>
      runCliInProcess([...args, '-C', repo.dir], { SLIPWAY_ACTOR: 'ci' });
    const ok = async (args: string[]): Promise<string> => {
      const result = await run(args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result.stdout;
    };
    const fixCommit = async (file: string, version: string): Promise<void> => {
      writeFileSync(join(repo.dir, file), version);
      repo.git(['add', file]);
      repo.git(['commit', '-q', '-m', `fix: ${file} of ${version}`]);
      await ok(['release']);
    };
    mkdirSync(join(repo.dir, 'dist'));
    writeFileSync(join(repo.dir, 'dist', 'shop.bin'), 'shop\n');
    await ok(['service', 'add', 'shop', '--data-dir', dataDir]);
    await ok(['release']);
    const push = ['push', '--artifact', 'dist', '--data-dir', dataDir, '--json'];
    const first = JSON.parse(await ok(push)) as { release: { version: string; fixes?: string } };
    expect(first.release.version).toBe('0.2.0');
    expect(first.release).not.toHaveProperty('fixes');

    await fixCommit('cards.py', '0.2.1');
    const fix = JSON.parse(await ok([...push, '--fixes', '0.2.0'])) as {
      release: { version: string; fixes?: string };
    };
    expect(fix.release).toMatchObject({ version: '0.2.1', fixes: '0.2.0' });
    const { releases } = JSON.parse(
      await ok(['releases', 'shop', '--data-dir', dataDir, '--json']),
    ) as { releases: { version: string; fixes?: string }[] };
    expect(releases.find((release) => release.version === '0.2.1')?.fixes).toBe('0.2.0');

    await fixCommit('till.py', '0.2.2');
    const refused = await run([...push, '--fixes', '9.9.9']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('fixes: shop has no release 9.9.9');
  });
});
