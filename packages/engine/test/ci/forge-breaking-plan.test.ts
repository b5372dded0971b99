import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git/cli-git.js';
import { forgeBreakingLookup } from '../../src/features/ci/index.js';
import { createPlanServiceFor, prepareRelease } from '../../src/features/releases/index.js';
import {
  startForgeServer,
  type ForgeTestServer,
  type RecordedRequest,
  type Reply,
} from '../adapters/forges/forge-test-server.js';

afterAll(() => cleanupTempDirs());
let server: ForgeTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

type Answer = Reply;

function githubPull(number: number, title: string, body: string): Answer {
  return {
    status: 200,
    body: {
      number,
      html_url: `https://github.com/acme/shop/pull/${number}`,
      title,
      body,
      user: { login: 'alice' },
      labels: [],
      merged_at: '2026-11-01T00:00:00Z',
    },
  };
}

/** PR #12's body declares the breaking change its squash-merged commit's title does not. */
function githubApi(request: RecordedRequest): Answer {
  if (request.path === '/repos/acme/shop/pulls/12')
    return githubPull(12, 'feat: new api', 'Reworks the API.\n\nBREAKING CHANGE: drops v1\n');
  if (request.path === '/repos/acme/shop/pulls/12/reviews') return { status: 200, body: [] };
  if (/^\/repos\/acme\/shop\/commits\/[0-9a-f]{40}\/pulls$/.test(request.path))
    return { status: 200, body: [] };
  return { status: 404, body: { message: 'Not Found' } };
}

function squashMerged(baseTag: string, header: string) {
  const repo = createGitRepo([
    { commit: 'chore: init', files: { 'package.json': '{"name":"shop","version":"1.0.0"}\n' } },
    { tag: baseTag },
    { commit: 'fix: typo', files: { 'a.js': 'a' } },
    { commit: header, files: { 'api.js': 'x' } },
  ]);
  return repo;
}

async function plan(dir: string, env: NodeJS.ProcessEnv | null) {
  const lookup = env === null ? null : forgeBreakingLookup(new CliGit({ cwd: dir }), env);
  return createPlanServiceFor(dir, { cache: false }).plan({
    keepCommits: true,
    ...(lookup === null ? {} : { forgeBreaking: lookup }),
  });
}

describe('a pull request body’s breaking change counts when forge enrichment is on', () => {
  it('GitHub: a squash-merged commit whose PR body says BREAKING CHANGE makes a major bump', async () => {
    server = await startForgeServer(githubApi);
    const repo = squashMerged('v1.0.0', 'feat: new api (#12)');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    const sha = repo.git(['rev-parse', 'HEAD']).trim();
    const env = { GITHUB_TOKEN: 't', SLIPWAY_FORGE_API_URL: server.origin };

    const forged = await plan(repo.dir, env);
    expect(forged.plan.nextVersion).toBe('2.0.0');
    expect(forged.plan.bump).toBe('major');
    expect(forged.plan.forgeBreaking).toEqual([{ sha, pullRequest: '#12', notes: ['drops v1'] }]);
    expect(forged.plan.reasons[0]).toMatchObject({
      bump: 'major',
      commits: [{ sha, type: 'feat', breaking: true, breakingFrom: '#12' }],
    });
    expect(forged.plan.warnings).toEqual([]);
    // Found as the notes' enrichment finds them: by number, else by SHA.
    expect(server.requests.map((request) => request.path)).toContain('/repos/acme/shop/pulls/12');

    const release = await prepareRelease(new CliGit({ cwd: repo.dir }), forged, {
      date: '2026-11-26',
    });
    expect(release?.version).toBe('2.0.0');
    expect(release?.notes.breaking).toHaveLength(1);
    expect(release?.notes.breaking[0]).toMatchObject({
      description: 'new api',
      explanation: 'drops v1',
      entry: { sha },
    });
    const changelog = release?.changes.find((change) => change.path === 'CHANGELOG.md')?.after;
    expect(changelog).toContain('drops v1');
  });

  it('without a token nothing is asked and the plan is the git-only plan, byte for byte', async () => {
    server = await startForgeServer(githubApi);
    const repo = squashMerged('v1.0.0', 'feat: new api (#12)');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    expect(forgeBreakingLookup(new CliGit({ cwd: repo.dir }), {})).toBeNull();
    const offline = await plan(repo.dir, { SLIPWAY_FORGE_API_URL: server.origin });
    const gitOnly = await plan(repo.dir, null);
    expect(offline.plan.nextVersion).toBe('1.1.0');
    expect(JSON.stringify(offline.plan)).toBe(JSON.stringify(gitOnly.plan));
    expect(offline.plan).not.toHaveProperty('forgeBreaking');
    expect(server.requests).toEqual([]);
  });

  it('0.x: the forge-made breaking change bumps as a "!" commit would under the configured rules', async () => {
    server = await startForgeServer(githubApi);
    const viaForge = squashMerged('v0.3.0', 'feat: new api (#12)');
    viaForge.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    const viaGit = squashMerged('v0.3.0', 'feat!: new api (#12)');
    const env = { GITHUB_TOKEN: 't', SLIPWAY_FORGE_API_URL: server.origin };
    const forged = await plan(viaForge.dir, env);
    const bang = await plan(viaGit.dir, null);
    const plain = await plan(viaForge.dir, null);
    expect(forged.plan.nextVersion).toBe(bang.plan.nextVersion);
    expect(forged.plan.bump).toBe(bang.plan.bump);
    expect(plain.plan.nextVersion).toBe('0.4.0');
    expect(forged.plan.forgeBreaking?.map((entry) => entry.pullRequest)).toEqual(['#12']);
  });

  it('GitLab: a merge request found by the commit’s SHA with a "!" title makes it breaking', async () => {
    server = await startForgeServer((request) => {
      if (
        /^\/projects\/acme%2Fshop\/repository\/commits\/[0-9a-f]{40}\/merge_requests$/.test(
          request.path,
        )
      ) {
        const sha = request.path.split('/')[5] ?? '';
        return sha === head
          ? {
              status: 200,
              body: [
                {
                  iid: 3,
                  web_url: 'https://gitlab.com/acme/shop/-/merge_requests/3',
                  title: 'feat!: new api',
                  description: 'Reworks the API.',
                  author: { username: 'bob' },
                  labels: [],
                  reviewers: [],
                },
              ],
            }
          : { status: 200, body: [] };
      }
      if (request.path === '/projects/acme%2Fshop/merge_requests/3/approvals')
        return { status: 200, body: { approved_by: [] } };
      return { status: 404, body: { message: '404 Not Found' } };
    });
    const repo = squashMerged('v1.0.0', 'feat: new api');
    repo.git(['remote', 'add', 'origin', 'https://gitlab.com/acme/shop.git']);
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    const forged = await plan(repo.dir, {
      GITLAB_TOKEN: 'glpat-x',
      SLIPWAY_FORGE_API_URL: server.origin,
    });
    expect(forged.plan.nextVersion).toBe('2.0.0');
    expect(forged.plan.forgeBreaking).toEqual([{ sha: head, pullRequest: '!3', notes: [] }]);
    expect(server.requests[0]?.headers['private-token']).toBe('glpat-x');
  });

  it('a failed lookup is a plan warning and the bump stays what git says', async () => {
    server = await startForgeServer(() => ({ status: 500, body: { message: 'boom' } }));
    const repo = squashMerged('v1.0.0', 'feat: new api (#12)');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    const forged = await plan(repo.dir, {
      GITHUB_TOKEN: 't',
      SLIPWAY_FORGE_API_URL: server.origin,
    });
    expect(forged.plan.nextVersion).toBe('1.1.0');
    expect(forged.plan.warnings.map((warning) => warning.code)).toContain('forge');
    expect(forged.plan.warnings.find((warning) => warning.code === 'forge')?.message).toMatch(
      /^commit [0-9a-f]{7}: GitHub: .*HTTP 500/,
    );
  });

  it('monorepo: the PR makes its commit breaking in the package it touches only', async () => {
    server = await startForgeServer(githubApi);
    const repo = createGitRepo([
      {
        commit: 'chore: set up',
        files: {
          'slipway.toml':
            '[packages.core]\npath = "libs/core"\n\n[packages.api]\npath = "services/api"\n',
          'libs/core/package.json': '{"name":"acme-core","version":"1.0.0"}\n',
          'services/api/package.json': '{"name":"acme-api","version":"2.0.0"}\n',
        },
      },
      { tag: 'acme-core-v1.0.0' },
      { tag: 'acme-api-v2.0.0' },
      { commit: 'feat: new api (#12)', files: { 'services/api/v2.js': 'x' } },
      { commit: 'feat: faster core', files: { 'libs/core/fast.js': 'y' } },
    ]);
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    const lookup = forgeBreakingLookup(new CliGit({ cwd: repo.dir }), {
      GITHUB_TOKEN: 't',
      SLIPWAY_FORGE_API_URL: server.origin,
    });
    expect(lookup).not.toBeNull();
    const service = createPlanServiceFor(repo.dir, { cache: false });
    const forged = await service.planAll(lookup === null ? {} : { forgeBreaking: lookup });
    const plain = await service.planAll();
    const versions = (contexts: typeof plain) =>
      Object.fromEntries(contexts.map((context) => [context.plan.name, context.plan.nextVersion]));
    expect(versions(forged)).toEqual({ 'acme-api': '3.0.0', 'acme-core': '1.1.0' });
    expect(versions(plain)).toEqual({ 'acme-api': '2.1.0', 'acme-core': '1.1.0' });
    const api = forged.find((context) => context.plan.name === 'acme-api');
    expect(api?.plan.forgeBreaking?.map((entry) => entry.pullRequest)).toEqual(['#12']);
    const core = forged.find((context) => context.plan.name === 'acme-core');
    expect(core?.plan).not.toHaveProperty('forgeBreaking');
  });
});
