import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../src/adapters/git/cli-git.js';
import { enrichReleaseNotes, enrichmentSource } from '../../src/features/ci/index.js';
import { createPlanServiceFor, prepareRelease } from '../../src/features/releases/index.js';
import { startForgeServer, type ForgeTestServer } from '../adapters/forges/forge-test-server.js';

afterAll(() => cleanupTempDirs());
let server: ForgeTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('prepareRelease with forge enrichment', () => {
  it('writes the pull request author into the changelog and leaves the plan alone', async () => {
    const repo = createGitRepo([
      { commit: 'chore: init', files: { 'package.json': '{"name":"shop","version":"1.0.0"}\n' } },
      { tag: 'v1.0.0' },
      { commit: 'feat: cart (#5)', files: { 'cart.js': 'x' } },
    ]);
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    server = await startForgeServer((request) => {
      if (request.path === '/repos/acme/shop/pulls/5')
        return {
          status: 200,
          body: {
            number: 5,
            html_url: 'https://github.com/acme/shop/pull/5',
            title: 'Cart',
            body: '',
            user: { login: 'alice' },
            labels: [],
            merged_at: '2026-11-01T00:00:00Z',
          },
        };
      if (request.path === '/repos/acme/shop/pulls/5/reviews') return { status: 200, body: [] };
      return { status: 404, body: { message: 'Not Found' } };
    });
    const source = enrichmentSource({
      remoteUrl: 'https://github.com/acme/shop.git',
      env: { GITHUB_TOKEN: 't', SLIPWAY_FORGE_API_URL: server.origin },
    });
    const git = new CliGit({ cwd: repo.dir });
    const plain = await prepareRelease(
      git,
      await createPlanServiceFor(repo.dir, { cache: false }).plan({ keepCommits: true }),
      { date: '2026-11-26' },
    );
    const enriched = await prepareRelease(
      git,
      await createPlanServiceFor(repo.dir, { cache: false }).plan({ keepCommits: true }),
      {
        date: '2026-11-26',
        enrichNotes: async (notes) => (await enrichReleaseNotes(notes, source)).notes,
      },
    );
    const changelog = (release: typeof plain) =>
      release?.changes.find((change) => change.path === 'CHANGELOG.md')?.after ?? '';
    expect(changelog(plain)).not.toContain('thanks');
    expect(changelog(enriched)).toContain('* cart ([#5](https://github.com/acme/shop/pull/5))');
    expect(changelog(enriched)).toMatch(
      /\* cart \(\[#5\]\([^)]+\)\) \(\[[0-9a-f]{7}\]\([^)]+\)\), thanks @alice\n/,
    );
    expect(enriched?.plan).toEqual(plain?.plan);
    expect(enriched?.version).toBe('1.1.0');
  });
});
