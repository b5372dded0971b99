import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CachedEnrichment,
  GitHubEnrichment,
  GitLabEnrichment,
  createForgeEnrichment,
} from '../../src/features/ci/index.js';
import {
  startForgeServer,
  type ForgeTestServer,
  type Handler,
} from '../adapters/forges/forge-test-server.js';

const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
let server: ForgeTestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => cleanupTempDirs());

async function serve(handler: Handler): Promise<ForgeTestServer> {
  server = await startForgeServer(handler);
  return server;
}

const githubPull = {
  number: 12,
  html_url: 'https://github.com/acme/shop/pull/12',
  title: 'feat(cart): split payments (#12)',
  body: 'Lets a cart be paid twice.\n\nCloses #40, fixes #41\n\nBREAKING CHANGE: the cart total is now a list',
  user: { login: 'alice' },
  labels: [{ name: 'feature' }],
  requested_reviewers: [{ login: 'carol' }],
  merged_at: '2026-11-01T00:00:00Z',
};

describe('GitHubEnrichment against a local GitHub API', () => {
  it('reads the pull request, follows review pages and finds the breaking marker in the body', async () => {
    const api = await serve((request, origin) => {
      if (request.path === `/repos/acme/shop/commits/${sha}/pulls`)
        return { status: 200, body: [githubPull] };
      if (
        request.path === '/repos/acme/shop/pulls/12/reviews' &&
        request.query['page'] === undefined
      ) {
        return {
          status: 200,
          body: [
            { user: { login: 'bob' }, state: 'COMMENTED' },
            { user: { login: 'alice' }, state: 'APPROVED' },
          ],
          headers: {
            link: `<${origin}/repos/acme/shop/pulls/12/reviews?per_page=100&page=2>; rel="next"`,
          },
        };
      }
      if (request.path === '/repos/acme/shop/pulls/12/reviews') {
        return { status: 200, body: [{ user: { login: 'bob' }, state: 'APPROVED' }] };
      }
      return { status: 404, body: { message: 'Not Found' } };
    });
    const found = await new GitHubEnrichment(
      api.origin,
      'acme/shop',
      'ghp_secret',
    ).changeRequestsFor(sha);
    expect(found).toEqual([
      {
        forge: 'github',
        number: 12,
        url: 'https://github.com/acme/shop/pull/12',
        title: 'feat(cart): split payments (#12)',
        body: githubPull.body,
        author: 'alice',
        labels: ['feature'],
        reviewers: ['bob'],
        requestedReviewers: ['carol'],
        linkedIssues: [40, 41],
        breaking: true,
        breakingNotes: ['the cart total is now a list'],
      },
    ]);
    expect(api.requests.map((request) => [request.path, request.query['page'] ?? '1'])).toEqual([
      [`/repos/acme/shop/commits/${sha}/pulls`, '1'],
      ['/repos/acme/shop/pulls/12/reviews', '1'],
      ['/repos/acme/shop/pulls/12/reviews', '2'],
    ]);
    expect(api.requests[0]?.headers['authorization']).toBe('Bearer ghp_secret');
  });

  it('says when an exhausted rate limit resets, and never prints the token', async () => {
    const api = await serve(() => ({
      status: 403,
      body: { message: 'API rate limit exceeded for ghp_secret' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' },
    }));
    await expect(
      new GitHubEnrichment(api.origin, 'acme/shop', 'ghp_secret').changeRequestsFor(sha),
    ).rejects.toMatchObject({
      code: 'FORGE_FAILED',
      message:
        'GitHub: list pull requests of a1b2c3d failed (HTTP 403): API rate limit exceeded for ***',
      hint: 'The API rate limit is exhausted until 2027-01-15T08:00:00.000Z.',
    });
  });
});

describe('GitLabEnrichment against a local GitLab API', () => {
  it('reads merge requests across pages with their approvals', async () => {
    const mr = (iid: number, author: string) => ({
      iid,
      web_url: `https://gitlab.example/acme/shop/-/merge_requests/${iid}`,
      title: `fix: thing ${iid}`,
      description: iid === 3 ? 'Resolves #9' : null,
      author: { username: author },
      labels: ['bug'],
      reviewers: [{ username: 'dave' }],
    });
    const api = await serve((request) => {
      if (request.path === `/projects/acme%2Fshop/repository/commits/${sha}/merge_requests`) {
        return request.query['page'] === '2'
          ? { status: 200, body: [mr(4, 'erin')] }
          : { status: 200, body: [mr(3, 'frank')], headers: { 'x-next-page': '2' } };
      }
      if (request.path === '/projects/acme%2Fshop/merge_requests/3/approvals') {
        return {
          status: 200,
          body: { approved_by: [{ user: { username: 'grace' } }, { user: { username: 'frank' } }] },
        };
      }
      if (request.path === '/projects/acme%2Fshop/merge_requests/4/approvals')
        return { status: 200, body: { approved_by: [] } };
      return { status: 404, body: { message: '404 Not Found' } };
    });
    const found = await new GitLabEnrichment(api.origin, 'acme/shop', 'glpat-x').changeRequestsFor(
      sha,
    );
    expect(
      found.map((request) => [
        request.number,
        request.author,
        request.reviewers,
        request.requestedReviewers,
        request.linkedIssues,
        request.breaking,
      ]),
    ).toEqual([
      [3, 'frank', ['grace'], ['dave'], [9], false],
      [4, 'erin', [], ['dave'], [], false],
    ]);
    expect(api.requests[0]?.headers['private-token']).toBe('glpat-x');
  });

  it('turns an API error into FORGE_FAILED naming the operation', async () => {
    const api = await serve(() => ({ status: 404, body: { message: '404 Project Not Found' } }));
    await expect(
      new GitLabEnrichment(api.origin, 'acme/shop', 't').changeRequestsFor(sha),
    ).rejects.toMatchObject({
      code: 'FORGE_FAILED',
      message: 'GitLab: list merge requests of a1b2c3d failed (HTTP 404): 404 Project Not Found',
    });
  });
});

describe('createForgeEnrichment and the per-SHA cache', () => {
  it('is null without a token: everything works from git alone', () => {
    expect(
      createForgeEnrichment({
        kind: 'github',
        remoteUrl: 'https://github.com/acme/shop.git',
        env: {},
        cacheFile: null,
      }),
    ).toBeNull();
  });

  it('asks the forge once per SHA, across runs with a cache file', async () => {
    const api = await serve((request) =>
      request.path.endsWith('/pulls')
        ? { status: 200, body: [githubPull] }
        : { status: 200, body: [] },
    );
    const cacheFile = join(makeTempDir().path, 'forge-cache.json');
    const options = {
      kind: 'github' as const,
      remoteUrl: 'https://github.com/acme/shop.git',
      env: { GITHUB_TOKEN: 'ghp_x' },
      apiUrl: api.origin,
      cacheFile,
    };
    const first = createForgeEnrichment(options);
    expect(first).toBeInstanceOf(CachedEnrichment);
    const found = await first?.changeRequestsFor(sha);
    expect(await first?.changeRequestsFor(sha)).toEqual(found);
    expect(await createForgeEnrichment(options)?.changeRequestsFor(sha)).toEqual(found);
    expect(api.requests).toHaveLength(2);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')) as object)).toEqual([sha]);
  });
});
