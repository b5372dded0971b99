import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE_EPOCH_SECONDS,
  cleanupTempDirs,
  createGitRepo,
  type GitRepo,
} from '@slipway/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createGuardrailCheckServiceFor,
  pullRequestRangeFor,
} from '../../src/features/guardrails/index.js';
import {
  startForgeServer,
  type ForgeTestServer,
  type Handler,
} from '../adapters/forges/forge-test-server.js';

afterAll(() => cleanupTempDirs());
let server: ForgeTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
async function serve(handler: Handler): Promise<ForgeTestServer> {
  server = await startForgeServer(handler);
  return server;
}

const T0 = BASE_EPOCH_SECONDS;
const hour = 3600;

function repoWithBranch(remote: string): GitRepo {
  const repo = createGitRepo([
    { commit: 'chore: init', files: { 'README.md': 'x' }, date: T0 },
    { branch: 'topic' },
    { commit: 'feat: add cart', files: { 'cart.ts': 'a' }, date: T0 + hour },
    { commit: 'wip', files: { 'cart.ts': 'b' }, date: T0 + 2 * hour },
    { checkout: 'main' },
    { commit: 'fix: one', files: { 'one.txt': '1' }, date: T0 + 3 * hour },
  ]);
  repo.git(['remote', 'add', 'origin', remote]);
  writeFileSync(join(repo.dir, 'slipway.toml'), '[check]\nmax-ahead = 1\n');
  return repo;
}

describe('slipway check --pr: the range from the forge', () => {
  it('reads base and head of a GitHub pull request and checks that range and its title', async () => {
    const repo = repoWithBranch('https://github.com/acme/shop.git');
    const head = repo.git(['rev-parse', 'topic']);
    const api = await serve((request) =>
      request.path === '/repos/acme/shop/pulls/7'
        ? {
            status: 200,
            body: {
              number: 7,
              html_url: 'https://github.com/acme/shop/pull/7',
              title: 'Add a cart',
              body: null,
              user: { login: 'alice' },
              labels: [],
              merged_at: null,
              base: { ref: 'main', sha: repo.git(['rev-parse', 'main']) },
              head: { ref: 'topic', sha: head },
            },
          }
        : { status: 404, body: { message: 'Not Found' } },
    );
    const range = await pullRequestRangeFor(repo.dir, 7, {
      GITHUB_TOKEN: 'ghp_t',
      SLIPWAY_FORGE_API_URL: api.origin,
    });
    expect(range).toMatchObject({ base: 'main', head, pullRequestTitle: 'Add a cart' });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.headers).toMatchObject({
      accept: 'application/vnd.github+json',
      authorization: 'Bearer ghp_t',
      'x-github-api-version': '2022-11-28',
    });

    // HEAD is main: only the forge's range makes the branch's commits the ones checked.
    const report = await (await createGuardrailCheckServiceFor(repo.dir)).check(range);
    expect(report).toMatchObject({ base: 'main', head, commits: 2, passed: false });
    expect(report.findings.map((finding) => [finding.rule, finding.message])).toEqual([
      ['conventional', expect.stringContaining('wip') as unknown],
      ['conventional', expect.stringContaining('Add a cart') as unknown],
      ['branch-divergence', expect.stringContaining('2 commits') as unknown],
    ]);
  });

  it('reads a GitLab merge request with GITLAB_TOKEN, and asks to fetch a missing head', async () => {
    const repo = repoWithBranch('https://gitlab.example.com/acme/shop.git');
    const api = await serve((request) =>
      request.path === '/projects/acme%2Fshop/merge_requests/3'
        ? {
            status: 200,
            body: {
              iid: 3,
              web_url: 'https://gitlab.example.com/acme/shop/-/merge_requests/3',
              title: 'feat: cart',
              description: '',
              author: { username: 'alice' },
              labels: [],
              source_branch: 'topic',
              target_branch: 'main',
              sha: 'd'.repeat(40),
              diff_refs: { base_sha: repo.git(['rev-parse', 'main']) },
            },
          }
        : { status: 404, body: { message: '404 Not Found' } },
    );
    writeFileSync(join(repo.dir, 'slipway.toml'), '[links]\nforge = "gitlab"\n');
    await expect(
      pullRequestRangeFor(repo.dir, 3, {
        GITLAB_TOKEN: 'glpat-y',
        SLIPWAY_FORGE_API_URL: api.origin,
      }),
    ).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: `pull request !3: its head dddddddddddd (topic) is not in this clone`,
      hint: 'Fetch it: git fetch origin merge-requests/3/head',
    });
    expect(api.requests[0]?.headers['private-token']).toBe('glpat-y');
  });

  it('checks a GitLab merge request whose head is in the clone', async () => {
    const repo = repoWithBranch('https://gitlab.com/acme/shop.git');
    const head = repo.git(['rev-parse', 'topic']);
    const api = await serve((request) =>
      request.path === '/projects/acme%2Fshop/merge_requests/4'
        ? {
            status: 200,
            body: {
              iid: 4,
              web_url: 'https://gitlab.com/acme/shop/-/merge_requests/4',
              title: 'feat: cart',
              description: null,
              author: { username: 'alice' },
              labels: [],
              source_branch: 'topic',
              target_branch: 'main',
              sha: head,
              diff_refs: { base_sha: repo.git(['rev-parse', 'main']) },
            },
          }
        : { status: 404, body: { message: '404 Not Found' } },
    );
    const range = await pullRequestRangeFor(repo.dir, 4, {
      GITLAB_TOKEN: 'glpat-x',
      SLIPWAY_FORGE_API_URL: api.origin,
    });
    expect(range).toMatchObject({ base: 'main', head, pullRequestTitle: 'feat: cart' });
    expect(api.requests[0]?.headers['private-token']).toBe('glpat-x');
    const report = await (
      await createGuardrailCheckServiceFor(repo.dir)
    ).check({
      ...range,
      only: ['conventional'],
    });
    expect(report.findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('"wip"') as unknown,
    ]);
  });

  it('needs a token, and names the API failure', async () => {
    const repo = repoWithBranch('https://github.com/acme/shop.git');
    await expect(pullRequestRangeFor(repo.dir, 7, {})).rejects.toMatchObject({
      code: 'USAGE',
      message:
        '--pr 7 needs the forge: no forge lookups (set GITHUB_TOKEN or GH_TOKEN to look up pull requests): release notes and the change record come from git alone',
    });
    const api = await serve(() => ({ status: 404, body: { message: 'Not Found' } }));
    await expect(
      pullRequestRangeFor(repo.dir, 9, { GH_TOKEN: 't', SLIPWAY_FORGE_API_URL: api.origin }),
    ).rejects.toMatchObject({
      code: 'FORGE_FAILED',
      message: 'GitHub: read pull request #9 failed (HTTP 404): Not Found',
    });
  });
});
