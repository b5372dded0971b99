import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

const pyproject = '[project]\nname = "acme-tools"\nversion = "1.2.3"\n';

function pythonRepo() {
  return createGitRepo([
    { commit: 'feat: first', files: { 'pyproject.toml': pyproject } },
    { tag: 'v1.2.3' },
    { commit: 'fix: handle empty query' },
  ]);
}

describe('slipway version (built CLI)', () => {
  it('--dry-run prints the exact unified diff and changes nothing', () => {
    const repo = pythonRepo();
    const result = runBuiltCli(['version', '--dry-run', '--date', '2026-11-26', '-C', repo.dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      [
        '--- a/pyproject.toml',
        '+++ b/pyproject.toml',
        '@@ -1,3 +1,3 @@',
        ' [project]',
        ' name = "acme-tools"',
        '-version = "1.2.3"',
        '+version = "1.2.4"',
      ].join('\n'),
    );
    expect(result.stdout).toContain('--- /dev/null\n+++ b/CHANGELOG.md');
    expect(repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });

  it('writes the files, and a second run adds nothing', () => {
    const repo = pythonRepo();
    const first = runBuiltCli(['version', '--json', '--date', '2026-11-26', '-C', repo.dir]);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      version: '1.2.4',
      tag: 'v1.2.4',
      dryRun: false,
    });
    const changelog = readFileSync(join(repo.dir, 'CHANGELOG.md'), 'utf8');
    expect(readFileSync(join(repo.dir, 'pyproject.toml'), 'utf8')).toContain('version = "1.2.4"');
    const second = runBuiltCli(['version', '--json', '--date', '2026-11-26', '-C', repo.dir]);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ files: [] });
    expect(readFileSync(join(repo.dir, 'CHANGELOG.md'), 'utf8')).toBe(changelog);
  });

  it('refuses a dynamic [project] version, pointing to the tag-derived path', () => {
    const repo = createGitRepo([
      {
        commit: 'feat: first',
        files: { 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n', 'x.txt': 'x' },
      },
      { commit: 'fix: y' },
    ]);
    const result = runBuiltCli(['version', '--dry-run', '-C', repo.dir]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/pyproject\.toml/);
    expect(result.stderr).toMatch(/describe|tag/);
  });
});

describe('slipway release (built CLI)', () => {
  it('--dry-run checks and shows, and changes nothing', () => {
    const repo = pythonRepo();
    const head = repo.head();
    const result = runBuiltCli(['release', '--dry-run', '--json', '-C', repo.dir]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      version: '1.2.4',
      tag: 'v1.2.4',
      dryRun: true,
      commit: null,
    });
    expect(repo.head()).toBe(head);
    expect(repo.git(['tag', '--list'])).toBe('v1.2.3');
  });

  it('releases with a JSON summary and plain progress lines outside a terminal', () => {
    const repo = pythonRepo();
    const result = runBuiltCli(['release', '--json', '-C', repo.dir]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as { commit: string; files: string[] };
    expect(summary).toMatchObject({ version: '1.2.4', tag: 'v1.2.4', pushed: false });
    expect(summary.commit).toBe(repo.head());
    expect(summary.files.sort()).toEqual(['CHANGELOG.md', 'pyproject.toml']);

    const human = pythonRepo();
    const plain = runBuiltCli(['release', '-C', human.dir], { env: { CI: 'true' } });
    expect(plain.status).toBe(0);
    expect(plain.stderr).toContain('commit: done');
    expect(plain.stderr).toContain('tag: done');
    expect(plain.stdout).toMatch(/released 1\.2\.4/);
  });

  it('refuses a dirty tree with exit 1 and changes nothing', () => {
    const repo = pythonRepo();
    writeFileSync(join(repo.dir, 'pyproject.toml'), `${pyproject}# edit\n`);
    const result = runBuiltCli(['release', '-C', repo.dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/uncommitted changes: pyproject\.toml/);
    expect(repo.git(['tag', '--list'])).toBe('v1.2.3');
  });

  it('--tag-only tags a merged release commit', () => {
    const repo = createGitRepo([
      { commit: 'feat: first', files: { 'pyproject.toml': pyproject } },
      { tag: 'v1.2.3' },
      { commit: 'feat: search' },
      {
        commit: 'chore(release): 1.3.0',
        files: { 'pyproject.toml': pyproject.replace('1.2.3', '1.3.0') },
      },
    ]);
    const result = runBuiltCli(['release', '--tag-only', '--json', '-C', repo.dir]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: '1.3.0', tag: 'v1.3.0' });
    expect(repo.git(['rev-parse', 'v1.3.0^{commit}'])).toBe(repo.head());
    const again = runBuiltCli(['release', '--tag-only', '-C', repo.dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/tag v1\.3\.0 already exists/);
  });

  it('--tag-only refuses a HEAD that is not a release commit', () => {
    const repo = pythonRepo();
    const result = runBuiltCli(['release', '--tag-only', '-C', repo.dir]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/not a release commit/);
  });
});
