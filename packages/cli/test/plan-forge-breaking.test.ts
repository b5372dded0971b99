import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_EPOCH_SECONDS, cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startForgeServer,
  type ForgeTestServer,
} from '../../engine/test/adapters/forges/forge-test-server.js';
import { runCliInProcess } from './run-cli-in-process.js';

afterAll(() => cleanupTempDirs());

let server: ForgeTestServer;
beforeEach(async () => {
  server = await startForgeServer((request) => {
    if (request.path === '/repos/acme/shop/pulls/12') {
      return {
        status: 200,
        body: {
          number: 12,
          html_url: 'https://github.com/acme/shop/pull/12',
          title: 'feat: new api',
          body: 'Reworks the API.\n\nBREAKING CHANGE: drops v1\n',
          user: { login: 'alice' },
          labels: [],
          requested_reviewers: [],
          merged_at: '2026-11-01T00:00:00Z',
        },
      };
    }
    if (request.path === '/repos/acme/shop/pulls/12/reviews') return { status: 200, body: [] };
    if (/^\/repos\/acme\/shop\/commits\/[0-9a-f]{40}\/pulls$/.test(request.path))
      return { status: 200, body: [] };
    return { status: 404, body: { message: 'Not Found' } };
  });
});
afterEach(async () => {
  await server.close();
});

/** v1.0.0, then PR #12 squash-merged as `feat: new api (#12)`: its body alone says breaking. */
function repository(): { dir: string; sha: string } {
  const repo = createGitRepo([
    { commit: 'chore: init', files: { 'README.md': 'x' }, date: BASE_EPOCH_SECONDS },
    { tag: 'v1.0.0' },
    { commit: 'feat: new api (#12)', files: { 'api.ts': 'a' }, date: BASE_EPOCH_SECONDS + 60 },
  ]);
  const sha = repo.git(['rev-parse', 'HEAD']).trim();
  repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
  writeFileSync(join(repo.dir, 'slipway.toml'), '');
  repo.git(['add', 'slipway.toml']);
  repo.git(['commit', '-m', 'chore: config']);
  return { dir: repo.dir, sha };
}

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCliInProcess(args, env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const tokenEnv = (): NodeJS.ProcessEnv => ({
  GITHUB_TOKEN: 'ghp_given',
  SLIPWAY_FORGE_API_URL: server.origin,
});

describe('slipway plan counts a squash-merged PR’s BREAKING CHANGE with a forge token', () => {
  it('plans a major bump and says which PR made which commit breaking', async () => {
    const { dir, sha } = repository();
    const json = JSON.parse(await run(['plan', '--json', '-C', dir], tokenEnv())) as {
      packages: { nextVersion: string; bump: string; forgeBreaking: unknown; reasons: unknown }[];
    };
    expect(json.packages[0]).toMatchObject({
      nextVersion: '2.0.0',
      bump: 'major',
      forgeBreaking: [{ sha, pullRequest: '#12', notes: ['drops v1'] }],
      reasons: [{ bump: 'major', commits: [{ sha, breaking: true, breakingFrom: '#12' }] }],
    });
    const human = await run(['plan', '-C', dir], tokenEnv());
    expect(human).toContain('1.0.0 → 2.0.0 (major)');
    expect(human).toContain(`${sha.slice(0, 7)} feat!: new api (breaking per pull request #12)`);
    expect(human).toContain(
      `forge:   #12 makes ${sha.slice(0, 7)} breaking (BREAKING CHANGE: drops v1); --no-forge plans from git alone`,
    );
    expect(server.requests.map((request) => request.headers.authorization)).toContain(
      'Bearer ghp_given',
    );
  });

  it('--no-forge and no token give the git-only minor bump, asking nothing', async () => {
    const { dir } = repository();
    const noForge = JSON.parse(await run(['plan', '--json', '--no-forge', '-C', dir], tokenEnv()));
    const noToken = JSON.parse(
      await run(['plan', '--json', '-C', dir], { SLIPWAY_FORGE_API_URL: server.origin }),
    );
    expect(noForge).toEqual(noToken);
    expect(noToken.packages[0]).toMatchObject({ nextVersion: '1.1.0', bump: 'minor' });
    expect(noToken.packages[0]).not.toHaveProperty('forgeBreaking');
    const human = await run(['plan', '-C', dir], {});
    expect(human).toContain('1.0.0 → 1.1.0 (minor)');
    expect(human).not.toContain('forge:');
    expect(server.requests).toEqual([]);
  });
});

describe('slipway release --dry-run counts it too', () => {
  it('with a token: 2.0.0, the changelog lists it under breaking changes with the PR’s text', async () => {
    const { dir, sha } = repository();
    const json = JSON.parse(await run(['release', '--dry-run', '--json', '-C', dir], tokenEnv()));
    expect(json).toMatchObject({
      version: '2.0.0',
      tag: 'v2.0.0',
      forgeBreaking: [{ sha, pullRequest: '#12', notes: ['drops v1'] }],
    });
    const human = await run(['release', '--dry-run', '-C', dir], tokenEnv());
    expect(human).toContain('BREAKING CHANGES');
    expect(human).toContain('drops v1');
    expect(human).toContain(
      `commit ${sha.slice(0, 7)} is breaking per pull request #12: drops v1 (--no-forge plans from git alone)`,
    );
    expect(human).toContain('would commit the release and tag v2.0.0');
  });

  it('with --no-forge or without a token: 1.1.0 and no forge lookups', async () => {
    const { dir } = repository();
    const noForge = await run(['release', '--dry-run', '--no-forge', '-C', dir], tokenEnv());
    expect(noForge).toContain('would commit the release and tag v1.1.0');
    expect(noForge).not.toContain('BREAKING');
    const noToken = JSON.parse(await run(['release', '--dry-run', '--json', '-C', dir], {}));
    expect(noToken).toMatchObject({ version: '1.1.0' });
    expect(noToken).not.toHaveProperty('forgeBreaking');
    expect(server.requests).toEqual([]);
  });
});

describe('slipway version --dry-run', () => {
  it('counts the PR’s breaking change with a token, and plans from git alone with --no-forge', async () => {
    const { dir } = repository();
    const forged = JSON.parse(await run(['version', '--dry-run', '--json', '-C', dir], tokenEnv()));
    expect(forged).toMatchObject({ version: '2.0.0' });
    const requestsWithToken = server.requests.length;
    expect(requestsWithToken).toBeGreaterThan(0);
    const plain = JSON.parse(
      await run(['version', '--dry-run', '--json', '--no-forge', '-C', dir], tokenEnv()),
    );
    expect(plain).toMatchObject({ version: '1.1.0' });
    expect(server.requests.length).toBe(requestsWithToken);
  });
});
