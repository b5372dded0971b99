import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import { runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

// eslint-disable-next-line no-control-regex -- matching the ESC of ANSI colour codes is the point
const ansi = /\u001b\[/;

function releasedRepo() {
  return createGitRepo([
    { commit: 'feat: first' },
    { tag: 'v1.2.3' },
    { commit: 'feat(api): add search (#12)\n\nCloses #45' },
    { commit: 'fix: handle empty query' },
    { commit: 'Update README' },
  ]);
}

describe('slipway plan (built CLI)', () => {
  it('prints the plan for people', () => {
    const { dir } = releasedRepo();
    const result = runBuiltCli(['plan', '--cwd', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1\.2\.3 → 1\.3\.0 \(minor\)/);
    expect(result.stdout).toMatch(/feat\(api\): add search/);
    expect(result.stderr).toMatch(/warning: 1 commit not following Conventional Commits/);
    expect(result.stdout).not.toMatch(ansi);
  });

  it('prints the documented JSON shape', () => {
    const { dir } = releasedRepo();
    const result = runBuiltCli(['plan', '--json'], { cwd: dir });
    expect(result.status).toBe(0);
    const data = JSON.parse(result.stdout) as { packages: Record<string, unknown>[] };
    expect(data.packages).toHaveLength(1);
    expect(data.packages[0]).toMatchObject({
      scheme: 'semver',
      currentVersion: '1.2.3',
      nextVersion: '1.3.0',
      bump: 'minor',
      commits: 3,
    });
    expect(Object.keys(data.packages[0] ?? {})).toEqual(
      expect.arrayContaining([
        'name',
        'scheme',
        'currentVersion',
        'nextVersion',
        'bump',
        'reasons',
        'commits',
      ]),
    );
  });

  it('exits 3 with nextVersion null when nothing is releasable', () => {
    const { dir } = createGitRepo([
      { commit: 'feat: a' },
      { tag: 'v1.0.0' },
      { commit: 'chore: tidy' },
    ]);
    const human = runBuiltCli(['plan', '-C', dir]);
    expect(human.status).toBe(3);
    expect(human.stdout).toMatch(/nothing to release/);
    const json = runBuiltCli(['plan', '--json', '-C', dir]);
    expect(json.status).toBe(3);
    expect(
      (JSON.parse(json.stdout) as { packages: { nextVersion: unknown }[] }).packages[0]
        ?.nextVersion,
    ).toBeNull();
  });

  it('colours only when asked, and NO_COLOR wins', () => {
    const { dir } = releasedRepo();
    expect(runBuiltCli(['plan', '-C', dir], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ansi);
    expect(
      runBuiltCli(['plan', '-C', dir], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout,
    ).not.toMatch(ansi);
  });

  it('exits 2 naming the file and key of an invalid configuration', () => {
    const { dir } = createGitRepo([
      { commit: 'feat: a', files: { 'slipway.toml': '[bump]\nfeat = "huge"\n' } },
    ]);
    const result = runBuiltCli(['plan', '-C', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/slipway\.toml/);
    expect(result.stderr).toMatch(/feat/);
    expect(result.stderr).toMatch(/huge/);
    const json = runBuiltCli(['plan', '--json', '-C', dir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'CONFIG_INVALID' } });
  });

  it('exits 1 naming the directory outside a repository', () => {
    const temp = makeTempDir('slipway-cli-');
    const result = runBuiltCli(['plan', '-C', temp.path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(temp.path);
  });

  it('exits 2 on an unknown option', () => {
    const result = runBuiltCli(['plan', '--frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});

describe('slipway notes (built CLI)', () => {
  it('prints Markdown notes with links from origin', () => {
    const repo = releasedRepo();
    repo.git(['remote', 'add', 'origin', 'git@github.com:acme/demo.git']);
    const result = runBuiltCli(['notes', '--date', '2026-11-26', '-C', repo.dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('https://github.com/acme/demo/compare/v1.2.3...v1.3.0');
    expect(result.stdout).toContain('2026-11-26');
    expect(result.stdout).toMatch(/add search/);
    expect(result.stdout).toContain('https://github.com/acme/demo/pull/12');
    expect(result.stdout).toContain('https://github.com/acme/demo/issues/45');
    expect(result.stdout).toMatch(/handle empty query/);
  });

  it('gives the same content as data with --json', () => {
    const { dir } = releasedRepo();
    const result = runBuiltCli(['notes', '--json', '--date', '2026-11-26', '-C', dir]);
    expect(result.status).toBe(0);
    const { notes } = JSON.parse(result.stdout) as {
      notes: { version: string; sections: { title: string; entries: { description: string }[] }[] };
    };
    expect(notes.version).toBe('1.3.0');
    const descriptions = notes.sections.flatMap((section) =>
      section.entries.map((entry) => entry.description),
    );
    expect(descriptions).toEqual(expect.arrayContaining(['add search', 'handle empty query']));
  });

  it('refuses a malformed --date naming it', () => {
    const { dir } = releasedRepo();
    const result = runBuiltCli(['notes', '--date', 'tomorrow', '-C', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--date "tomorrow"/);
  });

  it('exits 3 when nothing is releasable', () => {
    const { dir } = createGitRepo([{ commit: 'feat: a' }, { tag: 'v1.0.0' }]);
    const result = runBuiltCli(['notes', '--json', '-C', dir]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ notes: null });
  });
});
