import { describe, expect, it } from 'vitest';
import type { RawCommit } from '../../src/commits/types.js';
import { parseCommit } from '../../src/commits/index.js';
import {
  checkBranchFreshness,
  checkConventional,
  checkPullRequestTitle,
  checkReleaseBranches,
  checkSignatures,
  checkTogether,
  gitlabCodeQuality,
  pathGlob,
  renderGithubAnnotations,
  withSeverity,
  type GuardrailReport,
} from '../../src/guardrails/index.js';

function commit(sha: string, message: string, parents = ['p']): RawCommit {
  return {
    sha: sha.padEnd(40, '0'),
    parents,
    authorName: 'A',
    authorEmail: 'a@example.com',
    authorTime: 0,
    committerTime: 0,
    message,
  };
}

describe('checkConventional', () => {
  const types = ['feat', 'fix', 'chore'];

  it('accepts allowed types and skips merges', () => {
    const commits = [
      commit('a1', 'feat(api): add thing'),
      commit('a2', 'fix!: break it'),
      commit('a3', 'Merge branch x', ['p', 'q']),
    ].map((raw) => parseCommit(raw));
    expect(checkConventional(commits, types)).toEqual([]);
  });

  it('names the commit, its header and the allowed types', () => {
    const commits = [commit('b1', 'update stuff'), commit('b2', 'docs: readme')].map((raw) =>
      parseCommit(raw),
    );
    const findings = checkConventional(commits, types);
    expect(findings.map((finding) => finding.commit?.slice(0, 2))).toEqual(['b1', 'b2']);
    expect(findings[0]?.message).toContain('"update stuff" is not a Conventional Commit');
    expect(findings[1]?.message).toContain('uses type "docs"; allowed: feat, fix, chore');
  });
});

describe('checkSignatures', () => {
  it('reports each commit git did not accept, with why', () => {
    const findings = checkSignatures([
      { sha: 'a'.repeat(40), status: 'G', signer: 'Alice', key: 'K1', allowed: true },
      { sha: 'b'.repeat(40), status: 'N', signer: '', key: '', allowed: false },
      { sha: 'c'.repeat(40), status: 'U', signer: '', key: 'SHA256:x', allowed: false },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'bbbbbbb is not signed',
      'ccccccc is signed by a key that is not an allowed signer (key SHA256:x)',
    ]);
  });
});

describe('checkBranchFreshness', () => {
  const now = 1_000_000;
  it('passes within the limits and reports each exceeded limit', () => {
    const limits = { maxAgeHours: 48, maxAhead: 10, maxBehind: 20 };
    expect(
      checkBranchFreshness(
        { oldestUnmergedTime: now - 3600, ahead: 3, behind: 1 },
        limits,
        now,
        'main',
      ),
    ).toEqual([]);
    const findings = checkBranchFreshness(
      { oldestUnmergedTime: now - 5 * 86400, ahead: 11, behind: 21 },
      limits,
      now,
      'main',
    );
    expect(findings.map((finding) => [finding.rule, finding.message])).toEqual([
      ['branch-age', 'the oldest commit not on main is 5 days old; the limit is 2 days'],
      ['branch-divergence', 'the branch has 11 commits not on main; the limit is 10'],
      ['branch-divergence', 'the branch is 21 commits behind main; the limit is 20'],
    ]);
  });

  it('applies no limit that is null', () => {
    const limits = { maxAgeHours: null, maxAhead: null, maxBehind: null };
    expect(
      checkBranchFreshness({ oldestUnmergedTime: 0, ahead: 999, behind: 999 }, limits, now, 'main'),
    ).toEqual([]);
  });
});

describe('pathGlob and checkTogether', () => {
  it.each([
    ['migrations/**', 'migrations/2024/01.sql', true],
    ['migrations/**', 'src/migrations/01.sql', false],
    ['*.sql', 'src/migrations/01.sql', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['src/**/*.ts', 'src/a/b.ts', true],
    ['src/**/*.ts', 'src/b.ts', true],
    ['docs/', 'docs/a/b.md', true],
    ['CHANGELOG.md', 'CHANGELOG.md', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(pathGlob(pattern).test(path)).toBe(expected);
  });

  const rules = [{ name: 'schema', when: ['migrations/**'], require: ['docs/schema.md'] }];
  it('requires the companion files when a trigger changed', () => {
    expect(checkTogether(['migrations/01.sql'], rules)).toEqual([
      {
        rule: 'together',
        file: 'migrations/01.sql',
        message:
          'migrations/01.sql changed but nothing matching "docs/schema.md" did (rule "schema")',
      },
    ]);
    expect(checkTogether(['migrations/01.sql', 'docs/schema.md'], rules)).toEqual([]);
    expect(checkTogether(['src/a.ts'], rules)).toEqual([]);
  });
});

describe('checkReleaseBranches', () => {
  it('lists unported fixes and branches past their window', () => {
    const now = 100 * 86400;
    const findings = checkReleaseBranches(
      [
        {
          name: 'release/1.0',
          unported: [{ sha: 'f'.repeat(40), header: 'fix: x' }],
          cutTime: now - 40 * 86400,
        },
        { name: 'release/1.1', unported: [], cutTime: now - 86400 },
      ],
      30,
      now,
      'main',
    );
    expect(findings.map((finding) => [finding.rule, finding.branch, finding.message])).toEqual([
      ['release-fixes', 'release/1.0', 'fffffff "fix: x" on release/1.0 is not on main'],
      [
        'release-age',
        'release/1.0',
        'release branch release/1.0 is 40 days old; its window is 30 days',
      ],
    ]);
  });
});

describe('annotations', () => {
  const findings = withSeverity(
    [
      { rule: 'together', file: 'a,b:c.sql', message: 'line one\nline 100%' },
      { rule: 'release-fixes', branch: 'release/1', message: 'not on main' },
    ],
    new Set(['release-fixes']),
  );
  const report: GuardrailReport = {
    base: 'main',
    head: 'HEAD',
    commits: 2,
    rules: ['together', 'release-fixes'],
    findings,
    passed: false,
  };

  it('renders GitHub workflow commands with escaping', () => {
    expect(renderGithubAnnotations(report)).toBe(
      '::error file=a%2Cb%3Ac.sql,title=slipway check%3A together::line one%0Aline 100%25\n' +
        '::warning title=slipway check%3A release-fixes::not on main\n',
    );
  });

  it('renders a GitLab code quality report with stable distinct fingerprints', () => {
    const issues = gitlabCodeQuality(report);
    expect(issues[0]).toMatchObject({
      check_name: 'slipway-together',
      severity: 'major',
      location: { path: 'a,b:c.sql', lines: { begin: 1 } },
    });
    expect(issues[1]).toMatchObject({ severity: 'minor', location: { path: '.' } });
    expect(issues[0]?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(issues[0]?.fingerprint).not.toBe(issues[1]?.fingerprint);
    expect(gitlabCodeQuality(report)[0]?.fingerprint).toBe(issues[0]?.fingerprint);
  });
});

describe('checkPullRequestTitle', () => {
  it('checks the title a squash merge will make the header', () => {
    expect(checkPullRequestTitle('feat(api): search', ['feat'])).toEqual([]);
    expect(checkPullRequestTitle('Update things', ['feat'])).toEqual([
      {
        rule: 'conventional',
        message:
          'pull request title "Update things" is not a Conventional Commit (type(scope): description)',
      },
    ]);
    expect(checkPullRequestTitle('docs: x', ['feat'])[0]?.message).toBe(
      'pull request title "docs: x" uses type "docs"; allowed: feat',
    );
  });
});
