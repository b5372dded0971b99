import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

function monorepo() {
  return createGitRepo([
    {
      commit: 'chore: set up',
      files: {
        'slipway.toml':
          '[packages.core]\npath = "libs/core"\n\n[packages.web]\npath = "apps/web"\n',
        'libs/core/package.json': '{\n  "name": "@acme/core",\n  "version": "1.0.0"\n}\n',
        'apps/web/package.json':
          '{\n  "name": "@acme/web",\n  "version": "0.4.0",\n  "dependencies": {\n    "@acme/core": "^1.0.0"\n  }\n}\n',
      },
    },
    { tag: '@acme/core-v1.0.0' },
    { tag: '@acme/web-v0.4.0' },
    { commit: 'feat(core): retries', files: { 'libs/core/retry.js': 'export {};\n' } },
  ]);
}

describe('monorepos (built CLI)', () => {
  it('plans every package, the dependent one through its dependency', () => {
    const { dir } = monorepo();
    const result = runBuiltCli(['plan', '--json', '-C', dir]);
    expect(result.status).toBe(0);
    const { packages } = JSON.parse(result.stdout) as {
      packages: { name: string; nextVersion: string | null }[];
    };
    expect(packages.map((plan) => [plan.name, plan.nextVersion])).toEqual([
      ['@acme/core', '1.1.0'],
      ['@acme/web', '0.4.1'],
    ]);
  });

  it('releases both in one commit, raising the dependent range', () => {
    const repo = monorepo();
    const result = runBuiltCli(['release', '--json', '--date', '2026-11-26', '-C', repo.dir]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as { releases: { tag: string }[] };
    expect(summary.releases.map((release) => release.tag)).toEqual([
      '@acme/core-v1.1.0',
      '@acme/web-v0.4.1',
    ]);
    expect(repo.git(['show', 'HEAD:apps/web/package.json'])).toContain('"@acme/core": "^1.1.0"');
    expect(repo.git(['log', '-1', '--format=%s'])).toBe(
      'chore(release): @acme/core 1.1.0, @acme/web 0.4.1',
    );
  });

  it('takes --package and refuses an unknown one naming the packages', () => {
    const { dir } = monorepo();
    const one = runBuiltCli(['plan', '--json', '--package', 'core', '-C', dir]);
    expect((JSON.parse(one.stdout) as { packages: unknown[] }).packages).toHaveLength(1);
    const unknown = runBuiltCli(['notes', '--package', 'api', '-C', dir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no package "api".*core, web/);
  });
});
