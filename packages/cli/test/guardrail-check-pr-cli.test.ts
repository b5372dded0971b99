import { Writable } from 'node:stream';
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
  startForgeServer,
  type ForgeTestServer,
} from '../../engine/test/adapters/forges/forge-test-server.js';
import { runCli } from '../src/run-cli.js';

afterAll(() => cleanupTempDirs());
let server: ForgeTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const status = await runCli(args, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
  });
  return { status, stdout, stderr };
}

const T0 = BASE_EPOCH_SECONDS;

function repo(): GitRepo {
  const made = createGitRepo([
    { commit: 'chore: init', files: { 'README.md': 'x' }, date: T0 },
    { tag: 'v1.0.0' },
    { branch: 'topic' },
    { commit: 'feat: add cart (#7)', files: { 'cart.ts': 'a' }, date: T0 + 60 },
    { commit: 'wip', files: { 'cart.ts': 'b' }, date: T0 + 120 },
  ]);
  made.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
  return made;
}

const pull = (base: string, head: string) => ({
  number: 7,
  html_url: 'https://github.com/acme/shop/pull/7',
  title: 'Add a cart',
  body: 'Closes #3',
  user: { login: 'alice' },
  labels: [],
  requested_reviewers: [{ login: 'carol' }],
  merged_at: null,
  base: { ref: 'main', sha: base },
  head: { ref: 'topic', sha: head },
});

describe('slipway check --pr and slipway notes --forge (CLI in process)', () => {
  it('checks the pull request the forge names and prints GitHub annotations', async () => {
    const repository = repo();
    repository.git(['checkout', '-q', 'main']);
    const body = pull(
      repository.git(['rev-parse', 'main']),
      repository.git(['rev-parse', 'topic']),
    );
    server = await startForgeServer((request) =>
      request.path === '/repos/acme/shop/pulls/7'
        ? { status: 200, body }
        : { status: 404, body: { message: 'Not Found' } },
    );
    const env = { GITHUB_TOKEN: 'ghp_x', SLIPWAY_FORGE_API_URL: server.origin };
    const result = await run(
      ['check', '--pr', '7', '--format', 'github', '-C', repository.dir],
      env,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error title=slipway check%3A conventional::.*wip/m);
    expect(result.stdout).toMatch(/^::error .*Add a cart/m);
    expect(server.requests.map((request) => request.path)).toEqual(['/repos/acme/shop/pulls/7']);

    const usage = await run(['check', 'main..topic', '--pr', '7', '-C', repository.dir], env);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('give either --pr or a range (--base/--head), not both');
    const bad = await run(['check', '--pr', 'seven', '-C', repository.dir], env);
    expect(bad.stderr).toContain('--pr "seven": expected a pull request number');
  });

  it('names pull request authors in the notes and reports the lookups with --json', async () => {
    const repository = createGitRepo([
      { commit: 'chore: init', files: { 'README.md': 'x' }, date: T0 },
      { tag: 'v1.0.0' },
      { commit: 'feat: add cart (#7)', files: { 'cart.ts': 'a' }, date: T0 + 60 },
      { commit: 'fix: round totals', files: { 'cart.ts': 'b' }, date: T0 + 120 },
    ]);
    repository.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    writeFileSync(join(repository.dir, 'slipway.toml'), '');
    server = await startForgeServer((request) => {
      if (request.path === '/repos/acme/shop/pulls/7')
        return { status: 200, body: pull('f'.repeat(40), 'e'.repeat(40)) };
      if (request.path === '/repos/acme/shop/pulls/7/reviews')
        return { status: 200, body: [{ user: { login: 'bob' }, state: 'APPROVED' }] };
      if (request.path.endsWith('/pulls')) return { status: 200, body: [] };
      return { status: 404, body: { message: 'Not Found' } };
    });
    const env = { GITHUB_TOKEN: 'ghp_x', SLIPWAY_FORGE_API_URL: server.origin };
    const text = await run(['notes', '--date', '2026-11-26', '-C', repository.dir], env);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('thanks @alice');
    expect(text.stdout).toContain('closes [#3](https://github.com/acme/shop/issues/3)');

    const json = await run(['notes', '--json', '--date', '2026-11-26', '-C', repository.dir], env);
    const data = JSON.parse(json.stdout) as { forge: { status: string; reviewers: string[] } };
    expect(data.forge).toMatchObject({ status: 'enriched', reviewers: ['bob'] });

    const offline = await run(
      ['notes', '--forge', '--date', '2026-11-26', '-C', repository.dir],
      {},
    );
    expect(offline.stdout).not.toContain('thanks @');
    expect(offline.stderr).toContain('no forge lookups (set GITHUB_TOKEN or GH_TOKEN');
    const noToken = await run(['notes', '--json', '-C', repository.dir], {});
    expect(JSON.parse(noToken.stdout)).toMatchObject({ forge: { status: 'offline' } });
    expect(noToken.stderr).toBe('');
    const never = await run(['notes', '--no-forge', '--json', '-C', repository.dir], env);
    expect(JSON.parse(never.stdout)).not.toHaveProperty('forge');
  });
});
