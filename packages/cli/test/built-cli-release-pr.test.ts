import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo, makeTempDir, runGitSync } from '@slipway/test-utils';
import type { ForgeTestServer } from '../../engine/test/adapters/forges/forge-test-server.js';
import { startForgeServer } from '../../engine/test/adapters/forges/forge-test-server.js';
import { GitHubSimulator } from '../../engine/test/adapters/forges/github-simulator.js';
import { runBuiltCli, runBuiltCliAsync } from './run-built-cli.js';

let server: ForgeTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  cleanupTempDirs();
});

const TOKEN = 'ghp_test_token_123';
const config = '[links]\nrepository-url = "https://github.example.com/acme/tools"\n';

/** A project whose origin is a local bare repository, published on a simulated GitHub. */
function project() {
  const repo = createGitRepo([
    {
      commit: 'feat: first',
      files: {
        'slipway.toml': config,
        'package.json': '{\n  "name": "tools",\n  "version": "1.2.3"\n}\n',
      },
    },
    { tag: 'v1.2.3' },
    { commit: 'feat: search (#5)' },
  ]);
  const remote = makeTempDir('slipway-origin-').path;
  runGitSync(remote, ['init', '-q', '--bare']);
  repo.git(['remote', 'add', 'origin', remote]);
  repo.git(['push', '-q', 'origin', 'main']);
  return { repo, remote };
}

describe('slipway release-pr (built CLI)', () => {
  it('keeps the release commit on a branch and prints title and body, leaving the checkout alone', () => {
    const { repo } = project();
    const head = repo.head();
    const result = runBuiltCli(['release-pr', '--date', '2026-11-26', '-C', repo.dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('# chore(release): 1.3.0');
    expect(result.stdout).toContain('search');
    expect(repo.head()).toBe(head);
    expect(repo.git(['status', '--porcelain'])).toBe('');
    expect(repo.git(['log', '-1', '--format=%s', 'slipway/release-tools'])).toBe(
      'chore(release): 1.3.0',
    );
    expect(repo.git(['show', 'slipway/release-tools:package.json'])).toContain(
      '"version": "1.3.0"',
    );
    expect(repo.git(['rev-parse', 'slipway/release-tools~1'])).toBe(head);
  });

  it('opens the pull request on the forge, then updates it', async () => {
    const { repo, remote } = project();
    const github = new GitHubSimulator('acme', 'tools', TOKEN);
    server = await startForgeServer(github.handle);
    const args = [
      'release-pr',
      '--forge',
      'github',
      '--forge-api-url',
      `${server.origin}/api/v3`,
      '--json',
      '-C',
      repo.dir,
    ];
    const first = await runBuiltCliAsync(args, { env: { GITHUB_TOKEN: TOKEN } });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      pullRequest: { action: string; number: number };
      body: string;
    };
    expect(summary.pullRequest).toMatchObject({ action: 'created', number: 1 });
    expect(github.pulls[0]).toMatchObject({
      head: 'slipway/release-tools',
      base: 'main',
      title: 'chore(release): 1.3.0',
    });
    expect(github.pulls[0]?.labels).toEqual(['autorelease: pending']);
    expect(runGitSync(remote, ['log', '-1', '--format=%s', 'slipway/release-tools']).trim()).toBe(
      'chore(release): 1.3.0',
    );

    repo.git(['commit', '-q', '--allow-empty', '-m', 'fix: another']);
    const second = await runBuiltCliAsync(args, { env: { GITHUB_TOKEN: TOKEN } });
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      pullRequest: { action: 'updated', number: 1 },
    });
    expect(github.pulls[0]?.body).toContain('another');
    expect(
      server.requests.every((request) => request.headers.authorization === `token ${TOKEN}`),
    ).toBe(true);
  });

  it('refuses --forge without a token, naming the variable', () => {
    const { repo } = project();
    const result = runBuiltCli(['release-pr', '--forge', 'github', '-C', repo.dir], {
      env: { GITHUB_TOKEN: '', GH_TOKEN: '' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/GITHUB_TOKEN/);
  });
});
