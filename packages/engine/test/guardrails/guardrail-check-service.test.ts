import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE_EPOCH_SECONDS,
  cleanupTempDirs,
  createGitRepo,
  makeTempDir,
  runGitSync,
  type GitRepo,
} from '@slipway/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { createGuardrailCheckServiceFor } from '../../src/features/guardrails/index.js';

afterAll(() => cleanupTempDirs());

const T0 = BASE_EPOCH_SECONDS;
const hour = 3600;
const day = 24 * hour;
const at = (seconds: number): Date => new Date(seconds * 1000);

function configure(repo: GitRepo, toml: string): void {
  writeFileSync(join(repo.dir, 'slipway.toml'), toml);
}

function featureRepo(): GitRepo {
  return createGitRepo([
    { commit: 'chore: init', files: { 'README.md': 'x' }, date: T0 },
    { branch: 'feature' },
    { commit: 'feat(db): add table', files: { 'migrations/001.sql': 'create' }, date: T0 + hour },
    { commit: 'update stuff', files: { 'src/a.ts': 'a' }, date: T0 + 2 * hour },
    { commit: 'docs: explain', files: { 'docs/x.md': 'y' }, date: T0 + 3 * hour },
    { checkout: 'main' },
    { commit: 'fix: one', files: { 'one.txt': '1' }, date: T0 + 4 * hour },
    { commit: 'fix: two', files: { 'two.txt': '2' }, date: T0 + 5 * hour },
    { checkout: 'feature' },
  ]);
}

const strictCheck = `[check]
types = ["feat", "fix", "chore"]
max-branch-age-hours = 24
max-ahead = 2
max-behind = 1

[[check.together]]
name = "schema"
when = ["migrations/**"]
require = ["docs/schema.md"]
`;

describe('GuardrailCheckService over real git', () => {
  it('reports every broken rule of a feature branch, naming commits and files', async () => {
    const repo = featureRepo();
    configure(repo, strictCheck);
    const service = await createGuardrailCheckServiceFor(repo.dir);
    const report = await service.check({ now: at(T0 + 3 * day) });
    const sha = (rev: string): string => repo.git(['rev-parse', rev]);
    expect(report).toMatchObject({
      base: 'main',
      head: 'HEAD',
      commits: 3,
      rules: ['conventional', 'branch-age', 'branch-divergence', 'together'],
      passed: false,
    });
    expect(report.findings).toEqual([
      {
        rule: 'conventional',
        severity: 'error',
        commit: sha('HEAD'),
        file: null,
        branch: null,
        message: `${sha('HEAD').slice(0, 7)} "docs: explain" uses type "docs"; allowed: feat, fix, chore`,
      },
      expect.objectContaining({
        rule: 'conventional',
        commit: sha('HEAD~1'),
        message: `${sha('HEAD~1').slice(0, 7)} "update stuff" is not a Conventional Commit (type(scope): description)`,
      }),
      expect.objectContaining({
        rule: 'branch-age',
        message: 'the oldest commit not on main is 2 days old; the limit is 24 hours',
      }),
      expect.objectContaining({
        rule: 'branch-divergence',
        message: 'the branch has 3 commits not on main; the limit is 2',
      }),
      expect.objectContaining({
        rule: 'branch-divergence',
        message: 'the branch is 2 commits behind main; the limit is 1',
      }),
      expect.objectContaining({
        rule: 'together',
        file: 'migrations/001.sql',
        message:
          'migrations/001.sql changed but nothing matching "docs/schema.md" did (rule "schema")',
      }),
    ]);
  });

  it('passes a young, small branch and narrows to the rules asked for', async () => {
    const repo = featureRepo();
    configure(
      repo,
      strictCheck
        .replace('max-ahead = 2', 'max-ahead = 5')
        .replace('max-behind = 1', 'max-behind = 5'),
    );
    const service = await createGuardrailCheckServiceFor(repo.dir);
    const young = await service.check({
      now: at(T0 + 4 * hour),
      only: ['branch-age', 'branch-divergence'],
    });
    expect(young).toMatchObject({
      rules: ['branch-age', 'branch-divergence'],
      findings: [],
      passed: true,
    });
    const fixed = await service.check({ head: 'feature~2', now: at(T0 + 2 * hour) });
    expect(fixed.commits).toBe(1);
    expect(fixed.findings.map((finding) => finding.rule)).toEqual(['together']);
  });

  it('reports warnings for the rules in warn and still passes', async () => {
    const repo = featureRepo();
    configure(
      repo,
      `${strictCheck.replace('[check]\n', '[check]\nwarn = ["conventional", "branch-age", "branch-divergence", "together"]\n')}`,
    );
    const report = await (
      await createGuardrailCheckServiceFor(repo.dir)
    ).check({ now: at(T0 + 3 * day) });
    expect(report.findings.length).toBe(6);
    expect(report.findings.every((finding) => finding.severity === 'warning')).toBe(true);
    expect(report.passed).toBe(true);
  });

  it('refuses a base that names no commit, with a hint to fetch it', async () => {
    const repo = featureRepo();
    const service = await createGuardrailCheckServiceFor(repo.dir);
    await expect(service.check({ base: 'trunk' })).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: 'base "trunk" names no commit here',
    });
  });
});

describe('release branches', () => {
  function releaseRepo(): GitRepo {
    return createGitRepo([
      { commit: 'chore: init', files: { 'README.md': 'x' }, date: T0 },
      { branch: 'release/1.0' },
      { commit: 'fix: crash on empty input', files: { 'a.txt': 'fixed' }, date: T0 + hour },
      { commit: 'fix: ported already', files: { 'b.txt': 'b' }, date: T0 + 2 * hour },
      { commit: 'chore(release): 1.0.1', files: { VERSION: '1.0.1' }, date: T0 + 3 * hour },
      { checkout: 'main' },
      // The same change as on the release branch, another commit: patch-id matches.
      {
        commit: 'fix: ported already (cherry picked)',
        files: { 'b.txt': 'b' },
        date: T0 + 4 * hour,
      },
      { commit: 'feat: later', files: { 'c.txt': 'c' }, date: T0 + 39 * day },
      { branch: 'release/2.0' },
      { checkout: 'main' },
    ]);
  }
  const config =
    '[check]\nconventional = false\nrelease-branches = ["release/*"]\nrelease-window-days = 30\n';

  it('lists fixes not on main by patch-id and branches past their window', async () => {
    const repo = releaseRepo();
    configure(repo, config);
    const report = await (
      await createGuardrailCheckServiceFor(repo.dir)
    ).check({ now: at(T0 + 40 * day) });
    const fix = repo.git(['rev-parse', 'release/1.0~2']);
    expect(report.rules).toEqual(['release-fixes', 'release-age']);
    expect(report.findings).toEqual([
      {
        rule: 'release-fixes',
        severity: 'error',
        branch: 'release/1.0',
        commit: fix,
        file: null,
        message: `${fix.slice(0, 7)} "fix: crash on empty input" on release/1.0 is not on main`,
      },
      {
        rule: 'release-age',
        severity: 'error',
        branch: 'release/1.0',
        commit: null,
        file: null,
        message: 'release branch release/1.0 is 39 days old; its window is 30 days',
      },
    ]);
  });

  it('finds release branches a CI clone has only as remote-tracking branches', async () => {
    const origin = releaseRepo();
    const clone = makeTempDir('slipway-clone-');
    runGitSync(clone.path, ['clone', '-q', origin.dir, '.']);
    writeFileSync(join(clone.path, 'slipway.toml'), config);
    const report = await (
      await createGuardrailCheckServiceFor(clone.path)
    ).check({ now: at(T0 + 40 * day) });
    expect(report.findings.map((finding) => [finding.rule, finding.branch])).toEqual([
      ['release-fixes', 'release/1.0'],
      ['release-age', 'release/1.0'],
    ]);
  });
});
