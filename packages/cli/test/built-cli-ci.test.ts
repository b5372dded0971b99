import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

function project(): string {
  const repo = createGitRepo([{ commit: 'chore: init' }]);
  writeFileSync(join(repo.dir, 'slipway.toml'), 'name = "payments"\n');
  writeFileSync(
    join(repo.dir, 'pyproject.toml'),
    '[project]\nname = "payments"\nversion = "0.1.0"\n',
  );
  return repo.dir;
}

describe('slipway ci (built CLI)', () => {
  it.each([
    ['github', '.github/workflows/slipway-release.yml'],
    ['gitlab', '.gitlab-ci.yml'],
    ['buildkite', '.buildkite/pipeline.yml'],
    ['circleci', '.circleci/config.yml'],
    ['azure', 'azure-pipelines.yml'],
  ])('ci init --provider %s writes %s', (provider, path) => {
    const dir = project();
    const result = runBuiltCli(
      ['ci', 'init', '--provider', provider, '--environments', 'dev,prod'],
      {
        cwd: dir,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`wrote ${path} (${provider})`);
    expect(result.stdout).toContain('deploys payments to dev → prod; publishes to pypi');
    const text = readFileSync(join(dir, path), 'utf8');
    expect(parse(text)).toBeTypeOf('object');
    expect(text).toContain('slipway promote payments --from dev --to prod');
  });

  it('reports in JSON and refuses to replace a pipeline without --force', () => {
    const dir = project();
    const first = runBuiltCli(
      ['ci', 'init', '--provider', 'github', '--service', 'api', '--json'],
      { cwd: dir },
    );
    expect(JSON.parse(first.stdout)).toEqual({
      provider: 'github',
      file: '.github/workflows/slipway-release.yml',
      service: 'api',
      environments: ['dev', 'staging', 'prod'],
    });
    const again = runBuiltCli(['ci', 'init', '--provider', 'github'], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(
      runBuiltCli(['ci', 'init', '--provider', 'github', '--force'], { cwd: dir }).status,
    ).toBe(0);
  });

  it('refuses an unknown provider or a service name that is not a catalog name', () => {
    const dir = project();
    const provider = runBuiltCli(['ci', 'init', '--provider', 'travis'], { cwd: dir });
    expect(provider.status).toBe(2);
    expect(provider.stderr).toContain(
      '--provider "travis": expected one of github, gitlab, buildkite, circleci, azure',
    );
    expect(
      runBuiltCli(['ci', 'init', '--provider', 'github', '--service', 'a; rm -rf /'], { cwd: dir })
        .status,
    ).toBe(2);
  });

  it('ci context prints the run as the CI describes it', () => {
    const result = runBuiltCli(['ci', 'context', '--json'], {
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/payments',
        GITHUB_RUN_ID: '77',
        GITHUB_ACTOR: 'octocat',
        GITHUB_SHA: 'abc123',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_TRIGGERING_ACTOR: '',
      },
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: 'github-actions',
      runId: '77',
      runUrl: 'https://github.com/acme/payments/actions/runs/77',
      actor: 'octocat',
      commit: 'abc123',
      ref: 'refs/heads/main',
      pullRequest: null,
    });
  });
});
