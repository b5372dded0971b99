import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo, makeTempDir, type GitRepo } from '@slipway/test-utils';
import { runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

// Outer CI variables must not decide the base of these runs.
const noCi = {
  GITHUB_ACTIONS: 'false',
  GITLAB_CI: 'false',
  BUILDKITE: 'false',
  CIRCLECI: 'false',
  TF_BUILD: 'false',
  JENKINS_URL: '',
};

function featureRepo(base = 'main'): GitRepo {
  const repo = createGitRepo({
    defaultBranch: base,
    steps: [
      { commit: 'chore: init', files: { 'README.md': 'x' } },
      { branch: 'feature' },
      { commit: 'feat(db): add table', files: { 'migrations/001.sql': 'create' } },
      { commit: 'update stuff', files: { 'src/a.ts': 'a' } },
    ],
  });
  writeFileSync(
    join(repo.dir, 'slipway.toml'),
    `[check]\nbase = "${base}"\n\n[[check.together]]\nname = "schema"\nwhen = ["migrations/**"]\nrequire = ["docs/schema.md"]\n`,
  );
  return repo;
}

describe('slipway check (built CLI)', () => {
  it('prints findings for people and exits 1', () => {
    const repo = featureRepo();
    const sha = repo.git(['rev-parse', '--short=7', 'HEAD']);
    const result = runBuiltCli(['check'], { cwd: repo.dir, env: noCi });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        'slipway check main..HEAD: 2 commits; rules: conventional, together',
        `  ✗ conventional: ${sha} "update stuff" is not a Conventional Commit (type(scope): description)`,
        '  ✗ together: migrations/001.sql changed but nothing matching "docs/schema.md" did (rule "schema")',
        'failed (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('passes a clean range and exits 0', () => {
    const repo = featureRepo();
    const result = runBuiltCli(['check', 'main..feature~1', '--rule', 'conventional'], {
      cwd: repo.dir,
      env: noCi,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('slipway check main..feature~1: 1 commit; rules: conventional');
    expect(result.stdout).toContain('passed (0 errors, 0 warnings)');
  });

  it('prints the report as JSON', () => {
    const repo = featureRepo();
    const result = runBuiltCli(['check', '--json', '--base', 'main'], { cwd: repo.dir, env: noCi });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ base: 'main', head: 'HEAD', commits: 2, passed: false });
    expect(report['findings']).toEqual([
      expect.objectContaining({ rule: 'conventional', severity: 'error', file: null }),
      expect.objectContaining({ rule: 'together', severity: 'error', file: 'migrations/001.sql' }),
    ]);
  });

  it('writes GitHub Actions annotations', () => {
    const repo = featureRepo();
    const result = runBuiltCli(['check', '--format', 'github'], { cwd: repo.dir, env: noCi });
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^::error title=slipway check%3A conventional::[0-9a-f]{7} "update stuff" is not/,
    );
    expect(lines[1]).toBe(
      '::error file=migrations/001.sql,title=slipway check%3A together::migrations/001.sql changed but nothing matching "docs/schema.md" did (rule "schema")',
    );
    expect(lines[2]).toBe('failed (2 errors, 0 warnings)');
  });

  it('writes a GitLab code quality report to a file', () => {
    const repo = featureRepo();
    const result = runBuiltCli(
      ['check', '--format', 'gitlab', '--output', 'gl-code-quality.json'],
      {
        cwd: repo.dir,
        env: noCi,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('failed (2 errors, 0 warnings)\n');
    const issues = JSON.parse(
      readFileSync(join(repo.dir, 'gl-code-quality.json'), 'utf8'),
    ) as unknown[];
    expect(issues).toEqual([
      expect.objectContaining({
        check_name: 'slipway-conventional',
        severity: 'major',
        location: { path: '.', lines: { begin: 1 } },
      }),
      expect.objectContaining({
        check_name: 'slipway-together',
        location: { path: 'migrations/001.sql', lines: { begin: 1 } },
      }),
    ]);
  });

  it('checks a GitLab merge request against its target branch', () => {
    const repo = featureRepo('trunk');
    writeFileSync(join(repo.dir, 'slipway.toml'), '[check]\n');
    const result = runBuiltCli(['check', '--json'], {
      cwd: repo.dir,
      env: {
        ...noCi,
        GITLAB_CI: 'true',
        CI_MERGE_REQUEST_IID: '7',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'trunk',
      },
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ base: 'trunk', commits: 2 });
  });

  it('checks the title of the pull request a squash merge will use', () => {
    const repo = featureRepo();
    writeFileSync(join(repo.dir, 'slipway.toml'), '[check]\n');
    const event = join(makeTempDir().path, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 3, title: 'Add the table' } }));
    const github = runBuiltCli(['check', '--head', 'feature~1', '--json'], {
      cwd: repo.dir,
      env: noCi,
    });
    expect((JSON.parse(github.stdout) as { findings: unknown[] }).findings).toEqual([]);
    const result = runBuiltCli(['check', '--json'], {
      cwd: repo.dir,
      env: {
        ...noCi,
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_BASE_REF: 'main',
        GITHUB_REF: 'refs/pull/3/merge',
        GITHUB_EVENT_PATH: event,
      },
    });
    const report = JSON.parse(result.stdout) as { findings: { message: string }[] };
    expect(report.findings.map((finding) => finding.message)).toContain(
      'pull request title "Add the table" is not a Conventional Commit (type(scope): description)',
    );
    const gitlab = runBuiltCli(['check', '--json'], {
      cwd: repo.dir,
      env: {
        ...noCi,
        GITLAB_CI: 'true',
        CI_MERGE_REQUEST_IID: '3',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_MERGE_REQUEST_TITLE: 'feat: add the table',
      },
    });
    expect(
      (JSON.parse(gitlab.stdout) as { findings: { message: string }[] }).findings.map(
        (f) => f.message,
      ),
    ).not.toContain(expect.stringContaining('pull request title') as unknown);
  });

  it('accepts a commit signed by an allowed SSH signer and refuses an unsigned one', () => {
    const repo = createGitRepo([{ commit: 'chore: init' }, { branch: 'feature' }]);
    const keys = makeTempDir('slipway-ssh-').path;
    const key = join(keys, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dev', '-f', key]);
    const publicKey = readFileSync(`${key}.pub`, 'utf8').trim();
    writeFileSync(
      join(repo.dir, 'allowed_signers'),
      `dev@example.com namespaces="git" ${publicKey}\n`,
    );
    writeFileSync(
      join(repo.dir, 'slipway.toml'),
      '[check]\nsigned = true\nallowed-signers = "allowed_signers"\n',
    );
    repo.git([
      '-c',
      'gpg.format=ssh',
      '-c',
      `user.signingkey=${key}`,
      'commit',
      '-q',
      '--allow-empty',
      '-S',
      '-m',
      'feat: signed',
    ]);
    expect(runBuiltCli(['check', '--rule', 'signed'], { cwd: repo.dir, env: noCi }).status).toBe(0);
    repo.git(['commit', '-q', '--allow-empty', '-m', 'feat: unsigned']);
    const result = runBuiltCli(['check', '--rule', 'signed'], { cwd: repo.dir, env: noCi });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✗ signed: [0-9a-f]{7} is not signed/);
  });

  it('refuses an unknown format or rule as a usage error', () => {
    const repo = featureRepo();
    const format = runBuiltCli(['check', '--format', 'xml'], { cwd: repo.dir, env: noCi });
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format "xml": expected one of text, json, github, gitlab');
    const rule = runBuiltCli(['check', '--rule', 'speling'], { cwd: repo.dir, env: noCi });
    expect(rule.status).toBe(2);
  });
});
