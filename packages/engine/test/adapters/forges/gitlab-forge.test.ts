import { SlipwayError } from '@slipway/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createForge,
  upsertPullRequest,
  type ForgeTokenType,
  type PullRequestDraft,
} from '../../../src/adapters/forges/index.js';
import { startForgeServer, type ForgeTestServer, type Handler } from './forge-test-server.js';
import { GitLabSimulator } from './gitlab-simulator.js';

const TOKEN = 'glpat-secret0123456789';
const PROJECT = '/api/v4/projects/group%2Fsub%2Fproj/merge_requests';
const DRAFT: PullRequestDraft = {
  head: 'slipway/release-proj',
  base: 'main',
  title: 'chore: release proj 2.0.0',
  body: '## 2.0.0\n\n- feat!: new API',
  labels: ['release', 'autorelease: pending'],
};

let server: ForgeTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(
  options: { handler?: Handler; tokenType?: ForgeTokenType; timeoutMs?: number } = {},
) {
  const header = options.tokenType === 'job-token' ? 'job-token' : 'private-token';
  const gitlab = new GitLabSimulator('group/sub/proj', { header, token: TOKEN });
  server = await startForgeServer(options.handler ?? gitlab.handle);
  const forge = createForge({
    kind: 'gitlab',
    token: TOKEN,
    apiUrl: `${server.origin}/api/v4`,
    remoteUrl: 'https://gitlab.example.com/group/sub/proj.git',
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.tokenType === undefined ? {} : { tokenType: options.tokenType }),
  });
  return { gitlab, server, forge };
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

describe('GitLabForge', () => {
  it('creates an MR on a subgroup project, then leaves it unchanged, then updates it', async () => {
    const { server, forge } = await setUp();
    const created = await upsertPullRequest(forge, DRAFT);
    expect(created.action).toBe('created');
    expect(created.pullRequest).toMatchObject({ number: 1, state: 'open', labels: DRAFT.labels });
    expect(created.pullRequest.url).toMatch(/\/group\/sub\/proj\/-\/merge_requests\/1$/);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${PROJECT}`,
      `POST ${PROJECT}`,
    ]);
    const [list, create] = server.requests;
    expect(list?.query).toMatchObject({
      state: 'opened',
      source_branch: DRAFT.head,
      target_branch: 'main',
    });
    expect(create?.body).toEqual({
      source_branch: DRAFT.head,
      target_branch: 'main',
      title: DRAFT.title,
      description: DRAFT.body,
      labels: 'release,autorelease: pending',
      remove_source_branch: true,
    });
    for (const request of server.requests) {
      expect(request.headers['private-token']).toBe(TOKEN);
      expect(request.headers['job-token']).toBeUndefined();
      expect(request.headers['user-agent']).toBe('slipway');
    }

    expect((await upsertPullRequest(forge, DRAFT)).action).toBe('unchanged');
    const updated = await upsertPullRequest(forge, { ...DRAFT, title: 'v2', labels: ['extra'] });
    expect(updated.action).toBe('updated');
    expect(updated.pullRequest).toMatchObject({ number: 1, title: 'v2' });
    expect(updated.pullRequest.labels).toEqual([...DRAFT.labels, 'extra']);
    const put = server.requests.at(-1);
    expect(put).toMatchObject({ method: 'PUT', path: `${PROJECT}/1` });
    expect(put?.body).toEqual({
      target_branch: 'main',
      title: 'v2',
      description: DRAFT.body,
      add_labels: 'extra',
    });
  });

  it('sends a CI job token in the JOB-TOKEN header', async () => {
    const { server, forge } = await setUp({ tokenType: 'job-token' });
    expect(await forge.findOpenPullRequest(DRAFT.head, 'main')).toBeNull();
    expect(server.requests[0]?.headers['job-token']).toBe(TOKEN);
    expect(server.requests[0]?.headers['private-token']).toBeUndefined();
    server.requests.length = 0;
    const refused = await failure(
      createForge({
        kind: 'gitlab',
        token: 'wrong',
        tokenType: 'job-token',
        apiUrl: `${server.origin}/api/v4`,
        remoteUrl: 'git@gitlab.example.com:group/sub/proj.git',
      }).createPullRequest(DRAFT),
    );
    expect(refused.message).toContain('HTTP 401');
    expect(refused.hint).toMatch(/CI_JOB_TOKEN .* set GITLAB_TOKEN/);
  });

  it('finds the newest merged MR across pages and skips a fork’s branch of the same name', async () => {
    const { gitlab, server, forge } = await setUp();
    const mr = { source_branch: DRAFT.head, target_branch: 'main', description: null, labels: [] };
    gitlab.add({ ...mr, title: 'release 1.0.0', state: 'merged' });
    for (let i = 0; i < 100; i++)
      gitlab.add({ ...mr, title: `fork ${i}`, state: 'merged', fork: true });
    gitlab.add({ ...mr, title: 'release 2.0.0', state: 'opened' });

    const merged = await forge.findMergedPullRequest(DRAFT.head, 'main');
    expect(merged).toMatchObject({ number: 1, title: 'release 1.0.0', state: 'merged', body: '' });
    expect(server.requests.map((r) => [r.query.state, r.query.page])).toEqual([
      ['merged', '1'],
      ['merged', '2'],
    ]);
  });

  it('reports 401, 404, 409, 400 and 500 with forge, operation, status and message', async () => {
    let reply: ReturnType<Handler> = { status: 200, body: [] };
    const { forge } = await setUp({ handler: () => reply });
    const cases: [ReturnType<Handler>, () => Promise<unknown>, string[]][] = [
      [
        { status: 401, body: { message: '401 Unauthorized' } },
        () => forge.findOpenPullRequest('x', 'main'),
        ['GitLab: find open merge request failed (HTTP 401): 401 Unauthorized'],
      ],
      [
        { status: 404, body: { message: '404 Project Not Found' } },
        () => forge.updatePullRequest(9, DRAFT),
        ['update merge request !9', 'HTTP 404', '404 Project Not Found'],
      ],
      [
        { status: 409, body: { message: ['Another open merge request already exists: !1'] } },
        () => forge.createPullRequest(DRAFT),
        ['create merge request failed (HTTP 409): Another open merge request already exists: !1'],
      ],
      [
        { status: 400, body: { message: { title: ["can't be blank"] } } },
        () => forge.createPullRequest(DRAFT),
        ['HTTP 400', "title can't be blank"],
      ],
      [
        { status: 500, body: 'Internal Server Error' },
        () => forge.createPullRequest(DRAFT),
        ['HTTP 500'],
      ],
      [
        { status: 403, body: { message: `token ${TOKEN} is blocked` } },
        () => forge.createPullRequest(DRAFT),
        ['token *** is blocked'],
      ],
    ];
    for (const [answer, run, parts] of cases) {
      reply = answer;
      const error = await failure(run());
      for (const part of parts) expect(error.message).toContain(part);
    }
  });

  it('gives up after the timeout, and reports a refused connection', async () => {
    const { forge, server } = await setUp({
      handler: () => ({ status: 200, body: [], delayMs: 2_000 }),
      timeoutMs: 150,
    });
    const slow = await failure(forge.findMergedPullRequest(DRAFT.head, 'main'));
    expect(slow.message).toMatch(
      /^GitLab: find merged merge request failed: no answer from .* within 150 ms$/,
    );

    await server.close();
    const refused = await failure(forge.findOpenPullRequest(DRAFT.head, 'main'));
    expect(refused.message).toContain('GitLab: find open merge request failed: ');
    expect(refused.message).toMatch(/ECONNREFUSED/);
  });
});
