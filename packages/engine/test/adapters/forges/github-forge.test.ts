import { SlipwayError } from '@slipway/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createForge,
  upsertPullRequest,
  type ForgePort,
  type PullRequestDraft,
} from '../../../src/adapters/forges/index.js';
import { startForgeServer, type ForgeTestServer, type Handler } from './forge-test-server.js';
import { GitHubSimulator } from './github-simulator.js';

const TOKEN = 'ghp_secret0123456789';
const DRAFT: PullRequestDraft = {
  head: 'slipway/release-widgets',
  base: 'main',
  title: 'chore: release widgets 1.2.0',
  body: '## 1.2.0\n\n- feat: dials',
  labels: ['release', 'autorelease: pending'],
};

let server: ForgeTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(handler?: Handler, timeoutMs = 5_000) {
  const github = new GitHubSimulator('octo', 'widgets', TOKEN);
  server = await startForgeServer(handler ?? github.handle);
  const forge = createForge({
    kind: 'github',
    token: TOKEN,
    apiUrl: `${server.origin}/api/v3`,
    remoteUrl: 'git@github.example.com:octo/widgets.git',
    timeoutMs,
  });
  return { github, server, forge };
}

async function failure(run: Promise<unknown>): Promise<SlipwayError> {
  const error: unknown = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SlipwayError);
  const slipway = error as SlipwayError;
  expect(slipway.code).toBe('FORGE_FAILED');
  expect(slipway.message).not.toContain(TOKEN);
  return slipway;
}

describe('GitHubForge', () => {
  it('creates a PR with labels, then leaves it unchanged, then updates it', async () => {
    const { server, forge } = await setUp();
    const created = await upsertPullRequest(forge, DRAFT);
    expect(created.action).toBe('created');
    expect(created.pullRequest).toMatchObject({
      number: 1,
      head: DRAFT.head,
      base: 'main',
      state: 'open',
    });
    expect(created.pullRequest.labels).toEqual(DRAFT.labels);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v3/repos/octo/widgets/pulls',
      'POST /api/v3/repos/octo/widgets/pulls',
      'POST /api/v3/repos/octo/widgets/issues/1/labels',
    ]);
    const [list, create, labels] = server.requests;
    expect(list?.query).toMatchObject({ state: 'open', head: `octo:${DRAFT.head}`, base: 'main' });
    expect(create?.body).toEqual({
      head: DRAFT.head,
      base: 'main',
      title: DRAFT.title,
      body: DRAFT.body,
    });
    expect(labels?.body).toEqual({ labels: DRAFT.labels });
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`token ${TOKEN}`);
      expect(request.headers['user-agent']).toMatch(/^slipway/);
    }

    expect((await upsertPullRequest(forge, DRAFT)).action).toBe('unchanged');
    expect(server.requests).toHaveLength(4);

    const next = { ...DRAFT, body: '## 1.3.0', labels: ['release', 'extra'] };
    const updated = await upsertPullRequest(forge, next);
    expect(updated.action).toBe('updated');
    expect(updated.pullRequest).toMatchObject({ number: 1, body: '## 1.3.0' });
    expect(updated.pullRequest.labels).toEqual(['release', 'autorelease: pending', 'extra']);
    const [patch, add] = server.requests.slice(5);
    expect(patch).toMatchObject({ method: 'PATCH', path: '/api/v3/repos/octo/widgets/pulls/1' });
    expect(patch?.body).toEqual({ base: 'main', title: DRAFT.title, body: '## 1.3.0' });
    // Only the label the PR lacks is sent.
    expect(add?.body).toEqual({ labels: ['extra'] });
  });

  it('finds the newest merged PR of a reused branch across pages', async () => {
    const { github, server, forge } = await setUp();
    const pull = { head: DRAFT.head, base: 'main', body: null, labels: [] };
    github.add({
      ...pull,
      title: 'release 1.0.0',
      state: 'closed',
      merged_at: '2026-01-01T00:00:00Z',
    });
    github.add({
      ...pull,
      title: 'release 1.1.0',
      state: 'closed',
      merged_at: '2026-02-01T00:00:00Z',
    });
    // 120 newer PRs closed without merging push the merged ones to page 2.
    for (let i = 0; i < 120; i++)
      github.add({ ...pull, title: `abandoned ${i}`, state: 'closed', merged_at: null });
    github.add({ ...pull, title: 'release 1.2.0', state: 'open', merged_at: null });

    const merged = await forge.findMergedPullRequest(DRAFT.head, 'main');
    expect(merged).toMatchObject({ number: 2, title: 'release 1.1.0', state: 'merged', body: '' });
    expect(server.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(server.requests[0]?.query).toMatchObject({
      state: 'closed',
      head: `octo:${DRAFT.head}`,
    });
    expect(await forge.findMergedPullRequest('slipway/release-other', 'main')).toBeNull();
  });

  it('reports 401, 404, 422 and 500 with forge, operation, status and message', async () => {
    let reply: ReturnType<Handler> = { status: 500, body: 'upstream exploded' };
    const { forge } = await setUp(() => reply);
    const cases: [ReturnType<Handler>, (f: ForgePort) => Promise<unknown>, string[]][] = [
      [
        { status: 401, body: { message: 'Bad credentials' } },
        (f) => f.findOpenPullRequest('x', 'main'),
        ['GitHub', 'find open pull request', 'HTTP 401', 'Bad credentials'],
      ],
      [
        { status: 404, body: { message: 'Not Found' } },
        (f) => f.updatePullRequest(7, DRAFT),
        ['update pull request #7', 'HTTP 404', 'Not Found'],
      ],
      [
        {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }],
          },
        },
        (f) => f.createPullRequest(DRAFT),
        ['create pull request', 'HTTP 422', 'Validation Failed: PullRequest base invalid'],
      ],
      [
        { status: 502, body: 'upstream exploded' },
        (f) => f.createPullRequest(DRAFT),
        ['HTTP 502', 'upstream exploded'],
      ],
      // An API that echoes the credential back must not get it printed.
      [
        { status: 400, body: { message: `bad token ${TOKEN}` } },
        (f) => f.createPullRequest(DRAFT),
        ['bad token ***'],
      ],
    ];
    for (const [answer, run, parts] of cases) {
      reply = answer;
      const error = await failure(run(forge));
      for (const part of parts) expect(error.message).toContain(part);
      if (answer.status === 401) expect(error.hint).toContain('GITHUB_TOKEN or GH_TOKEN');
      if (answer.status === 404) expect(error.hint).toMatch(/not found/);
    }
  });

  it('a PR that already exists is a 422 with GitHub’s message', async () => {
    const { forge } = await setUp();
    await forge.createPullRequest({ ...DRAFT, labels: [] });
    const error = await failure(forge.createPullRequest(DRAFT));
    expect(error.message).toContain(
      `Validation Failed: A pull request already exists for octo:${DRAFT.head}.`,
    );
  });

  it('gives up after the timeout, and reports a refused connection', async () => {
    const { forge, server } = await setUp(() => ({ status: 200, body: [], delayMs: 2_000 }), 150);
    const error = await failure(forge.findOpenPullRequest(DRAFT.head, 'main'));
    expect(error.message).toMatch(
      /^GitHub: find open pull request failed: no answer from .* within 150 ms$/,
    );
    await server.close();
    const refused = await failure(forge.createPullRequest(DRAFT));
    expect(refused.message).toMatch(/^GitHub: create pull request failed: .*ECONNREFUSED/);
  });
});
