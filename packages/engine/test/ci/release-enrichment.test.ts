import {
  buildReleaseNotes,
  changeRecordPredicate,
  createLinkBuilder,
  defaultNotesConfig,
  linkTemplatesFor,
  parseCommit,
  parseRemoteUrl,
  renderReleaseNotesMarkdown,
  type ParsedCommit,
  type ReleaseNotes,
} from '@slipway/core';
import { BASE_EPOCH_SECONDS, cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { changeRecordStatement } from '../../src/features/evidence/index.js';
import {
  enrichChangeRecord,
  enrichChangeRecordStatement,
  enrichCommits,
  enrichReleaseNotes,
  enrichmentSource,
} from '../../src/features/ci/index.js';
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

const shaA = 'a'.repeat(40);
const shaB = 'b'.repeat(40);
const shaC = 'c'.repeat(40);

function commits(): ParsedCommit[] {
  const raw = (sha: string, message: string, time: number) =>
    parseCommit({
      sha,
      parents: [],
      authorName: 'Alice Liddell',
      authorEmail: 'alice@example.com',
      authorTime: time,
      committerTime: time,
      message,
    });
  return [
    raw(shaA, 'feat(cart): split payments (#12)', 1_700_000_000),
    raw(shaB, 'fix: round totals', 1_700_000_100),
    raw(shaC, 'docs: typo (#14)', 1_700_000_200),
  ];
}

function notesFor(remote: string): ReleaseNotes {
  const info = parseRemoteUrl(remote);
  return buildReleaseNotes({
    version: '1.1.0',
    previousVersion: '1.0.0',
    tag: 'v1.1.0',
    previousTag: 'v1.0.0',
    date: '2026-11-26',
    commits: commits(),
    config: defaultNotesConfig,
    links: info === null ? null : createLinkBuilder(linkTemplatesFor(info)),
  });
}

const user = (login: string) => ({ login });
const pull = (number: number, author: string, body: string) => ({
  number,
  html_url: `https://github.com/acme/shop/pull/${number}`,
  title: `title of #${number}`,
  body,
  user: user(author),
  labels: [{ name: 'feature' }],
  requested_reviewers: [],
  merged_at: '2026-11-01T00:00:00Z',
  base: { ref: 'main', sha: 'f'.repeat(40) },
  head: { ref: `topic-${number}`, sha: 'e'.repeat(40) },
});

const githubApi: Handler = (request) => {
  if (request.path === '/repos/acme/shop/pulls/12')
    return { status: 200, body: pull(12, 'alice', 'Closes #40') };
  if (request.path === '/repos/acme/shop/pulls/12/reviews')
    return { status: 200, body: [{ user: user('bob'), state: 'APPROVED' }] };
  if (request.path === `/repos/acme/shop/commits/${shaB}/pulls`)
    return { status: 200, body: [pull(13, 'carol', 'BREAKING CHANGE: totals are strings')] };
  if (request.path === '/repos/acme/shop/pulls/13/reviews')
    return {
      status: 200,
      body: [
        { user: user('dave'), state: 'APPROVED' },
        { user: user('erin'), state: 'APPROVED' },
        // dave's later verdict replaces his approval.
        { user: user('dave'), state: 'CHANGES_REQUESTED' },
      ],
    };
  if (request.path === '/repos/acme/shop/pulls/14')
    return { status: 404, body: { message: 'Not Found' } };
  return { status: 500, body: { message: `unexpected ${request.path}` } };
};

describe('enrichReleaseNotes against a local GitHub API', () => {
  it('asks by number where the commit names one, else by SHA, as the REST API documents', async () => {
    const api = await serve(githubApi);
    const source = enrichmentSource({
      remoteUrl: 'https://github.com/acme/shop.git',
      env: { GITHUB_TOKEN: 'ghp_token', SLIPWAY_FORGE_API_URL: api.origin },
    });
    const { notes, enrichment } = await enrichReleaseNotes(
      notesFor('https://github.com/acme/shop.git'),
      source,
    );

    expect(api.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /repos/acme/shop/commits/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/pulls',
      'GET /repos/acme/shop/pulls/12',
      'GET /repos/acme/shop/pulls/12/reviews',
      'GET /repos/acme/shop/pulls/13/reviews',
      'GET /repos/acme/shop/pulls/14',
    ]);
    for (const request of api.requests) {
      expect(request.headers['accept']).toBe('application/vnd.github+json');
      expect(request.headers['authorization']).toBe('Bearer ghp_token');
      expect(request.headers['x-github-api-version']).toBe('2022-11-28');
      expect(request.headers['user-agent']).toBe('slipway');
    }
    expect(api.requests.find((r) => r.path.endsWith('/reviews'))?.query['per_page']).toBe('100');

    expect(enrichment.status).toBe('partial');
    expect(
      enrichment.changeRequests.map((r) => [r.number, r.author, r.reviewers, r.commits]),
    ).toEqual([
      [12, 'alice', ['bob'], [shaA]],
      [13, 'carol', ['erin'], [shaB]],
    ]);
    expect(enrichment.authors).toEqual(['alice', 'carol']);
    expect(enrichment.reviewers).toEqual(['bob', 'erin']);
    expect(enrichment.notes).toEqual([
      `commit ccccccc: GitHub: read pull request #14 failed (HTTP 404): Not Found`,
      'pull request #13 declares a breaking change in its description, but commit bbbbbbb does not mark it: these notes are planned from git alone and do not count it (plan, version and release with a forge token do); add "!" or a BREAKING CHANGE footer to the commit',
    ]);

    const markdown = renderReleaseNotesMarkdown(notes);
    expect(markdown).toContain(
      '* **cart:** split payments ([#12](https://github.com/acme/shop/pull/12)) ([aaaaaaa](https://github.com/acme/shop/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)), closes [#40](https://github.com/acme/shop/issues/40), thanks @alice',
    );
    expect(markdown).toContain(
      '* round totals ([#13](https://github.com/acme/shop/pull/13)) ([bbbbbbb](https://github.com/acme/shop/commit/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)), thanks @carol',
    );
    // The pull request the forge could not read keeps the entry as git wrote it.
    expect(markdown).toMatch(/\* typo \(\[#14\]\([^)]+\)\) \(\[ccccccc\]\([^)]+\)\)\n/);
    expect(notes.thanks).toEqual(['alice', 'carol']);
    const feature = notes.sections[0]?.entries[0]?.pullRequests[0];
    expect(feature).toMatchObject({ number: 12, title: 'title of #12', author: 'alice' });
  });

  it('feeds the reviewers into the change record as github:login', async () => {
    const api = await serve(githubApi);
    const source = enrichmentSource({
      remoteUrl: 'git@github.com:acme/shop.git',
      env: { GH_TOKEN: 'ghp_token' },
      apiUrl: api.origin,
    });
    const { enrichment } = await enrichReleaseNotes(
      notesFor('git@github.com:acme/shop.git'),
      source,
    );
    const record = enrichChangeRecord(
      changeRecordPredicate({
        service: 'shop',
        version: '1.1.0',
        previousVersion: '1.0.0',
        commits: commits(),
      }),
      enrichment,
    );
    expect(record.reviewers).toEqual(['github:bob', 'github:erin']);
    expect(record.commits.map((commit) => [commit.pullRequests, commit.reviewers])).toEqual([
      [['#12'], ['github:bob']],
      [['#13'], ['github:erin']],
      [['#14'], []],
    ]);
    expect(record.issues).toEqual(['#40']);
    expect(record.forge.changeRequests.map((request) => request.title)).toEqual([
      'title of #12',
      'title of #13',
    ]);
  });

  it('is offline without a token, and the notes are those of git alone', async () => {
    const plain = notesFor('https://github.com/acme/shop.git');
    const source = enrichmentSource({ remoteUrl: 'https://github.com/acme/shop.git', env: {} });
    const { notes, enrichment } = await enrichReleaseNotes(plain, source);
    expect(notes).toBe(plain);
    expect(enrichment).toMatchObject({ status: 'offline', changeRequests: [], reviewers: [] });
    expect(enrichment.notes).toEqual([
      'no forge lookups (set GITHUB_TOKEN or GH_TOKEN to look up pull requests): release notes and the change record come from git alone',
    ]);
    expect(
      enrichmentSource({
        remoteUrl: 'https://git.example.org/a/b.git',
        env: { GITHUB_TOKEN: 'x' },
      }),
    ).toEqual({
      kind: null,
      note: 'no forge lookups (git.example.org is not known as GitHub or GitLab; set [links] forge): release notes and the change record come from git alone',
    });
    expect(enrichmentSource({ remoteUrl: null, env: {} })).toMatchObject({ kind: null });
    // GitLab refuses job tokens on merge request endpoints: nothing is asked with one.
    expect(
      enrichmentSource({ remoteUrl: 'https://gitlab.com/a/b.git', env: { CI_JOB_TOKEN: 'j' } }),
    ).toEqual({
      kind: null,
      note: 'no forge lookups (CI_JOB_TOKEN cannot read merge requests; set GITLAB_TOKEN to a read_api token): release notes and the change record come from git alone',
    });
  });
});

describe('enrichReleaseNotes against a local GitLab API', () => {
  it('reads merge requests by iid with their approvals, sending PRIVATE-TOKEN', async () => {
    const mr = (iid: number, author: string) => ({
      iid,
      web_url: `https://gitlab.example.com/acme/shop/-/merge_requests/${iid}`,
      title: `mr ${iid}`,
      description: 'Fixes #7',
      author: { username: author },
      labels: ['backend'],
      reviewers: [{ username: 'rita' }],
      source_branch: 'topic',
      target_branch: 'main',
      sha: 'e'.repeat(40),
      diff_refs: { base_sha: 'f'.repeat(40) },
    });
    const api = await serve((request) => {
      if (request.path === '/projects/acme%2Fshop/merge_requests/12')
        return { status: 200, body: mr(12, 'alice') };
      if (request.path === '/projects/acme%2Fshop/merge_requests/14')
        return { status: 200, body: mr(14, 'zed') };
      if (request.path.endsWith('/approvals'))
        return { status: 200, body: { approved_by: [{ user: { username: 'sam' } }] } };
      if (request.path === `/projects/acme%2Fshop/repository/commits/${shaB}/merge_requests`)
        return { status: 200, body: [] };
      return { status: 404, body: { message: '404 Not Found' } };
    });
    const notes = buildReleaseNotes({
      version: '1.1.0',
      previousVersion: '1.0.0',
      tag: 'v1.1.0',
      previousTag: 'v1.0.0',
      date: '2026-11-26',
      commits: commits().map((commit) => ({
        ...commit,
        changes: commit.changes.map((change) => ({
          ...change,
          pullRequests: change.pullRequests.map((ref) => ({ ...ref, sigil: '!' as const })),
        })),
      })),
      config: defaultNotesConfig,
      links: null,
    });
    const source = enrichmentSource({
      remoteUrl: 'https://gitlab.example.com/acme/shop.git',
      forge: 'gitlab',
      env: { GITLAB_TOKEN: 'glpat-secret' },
      apiUrl: api.origin,
    });
    const { notes: enriched, enrichment } = await enrichReleaseNotes(notes, source);
    expect(
      api.requests.every((request) => request.headers['private-token'] === 'glpat-secret'),
    ).toBe(true);
    expect(enrichment.status).toBe('enriched');
    expect(enrichment.reviewers).toEqual(['sam']);
    expect(enrichment.changeRequests[0]?.requestedReviewers).toEqual(['rita']);
    const markdown = renderReleaseNotesMarkdown(enriched);
    expect(markdown).toContain(
      '* **cart:** split payments ([!12](https://gitlab.example.com/acme/shop/-/merge_requests/12)) (aaaaaaa), closes [#7](https://gitlab.example.com/acme/shop/-/issues/7), thanks @alice',
    );
    expect(markdown).toContain('* round totals (bbbbbbb)\n');
  });
});

describe('a token the forge refuses', () => {
  it('stops after the first refused batch instead of failing every commit alike', async () => {
    const api = await serve(() => ({ status: 401, body: { message: '401 Unauthorized' } }));
    const source = enrichmentSource({
      remoteUrl: 'https://gitlab.com/acme/shop.git',
      env: { GITLAB_TOKEN: 'glpat-revoked', SLIPWAY_FORGE_API_URL: api.origin },
    });
    if (source.kind === null) throw new Error(source.note);
    const commits = Array.from({ length: 6 }, (_, index) => ({
      sha: String(index).repeat(40),
      pullRequests: [],
    }));
    const enrichment = await enrichCommits(commits, source.port, source.kind);
    expect(api.requests).toHaveLength(4);
    expect(api.requests[0]?.headers['private-token']).toBe('glpat-revoked');
    expect(enrichment.status).toBe('partial');
    expect(enrichment.notes).toHaveLength(5);
    expect(enrichment.notes[4]).toBe('2 more commits not looked up: the forge refused the token');
    expect(enrichment.notes[0]).toMatch(
      /^commit 0000000: GitLab: .* \(HTTP 401\): 401 Unauthorized$/,
    );
  });
});

describe('enrichChangeRecordStatement over real git', () => {
  it('adds the forge reviewers to the change record the evidence signs', async () => {
    const repo = createGitRepo([
      { commit: 'chore: init', files: { 'a.txt': 'a' }, date: BASE_EPOCH_SECONDS },
      { tag: 'v1.0.0' },
      { commit: 'feat: cart (#12)', files: { 'b.txt': 'b' }, date: BASE_EPOCH_SECONDS + 60 },
      { commit: 'fix: totals', files: { 'c.txt': 'c' }, date: BASE_EPOCH_SECONDS + 120 },
    ]);
    repo.git(['remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    const fix = repo.git(['rev-parse', 'HEAD']);
    const api = await serve((request) => {
      if (request.path === '/repos/acme/shop/pulls/12')
        return { status: 200, body: pull(12, 'alice', '') };
      if (request.path === '/repos/acme/shop/pulls/12/reviews')
        return { status: 200, body: [{ user: user('bob'), state: 'APPROVED' }] };
      if (request.path === `/repos/acme/shop/commits/${fix}/pulls`)
        return { status: 200, body: [] };
      return { status: 404, body: { message: 'Not Found' } };
    });
    const statement = changeRecordStatement(
      {
        cwd: repo.dir,
        service: 'shop',
        version: '1.1.0',
        since: 'v1.0.0',
        previousVersion: '1.0.0',
      },
      [{ name: 'shop.tgz', digest: { sha256: '0'.repeat(64) } }],
    );
    const enriched = await enrichChangeRecordStatement(statement, {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: 'ghp_x', SLIPWAY_FORGE_API_URL: api.origin },
    });
    expect(enriched.subject).toEqual(statement.subject);
    expect(enriched.predicate).toMatchObject({
      reviewers: ['github:bob'],
      pullRequests: ['#12'],
      forge: { kind: 'github', status: 'enriched' },
    });
    const offline = await enrichChangeRecordStatement(statement, { cwd: repo.dir, env: {} });
    expect(offline.predicate).toMatchObject({ reviewers: [], forge: { status: 'offline' } });
  });
});
