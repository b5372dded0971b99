import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_EPOCH_SECONDS, cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startForgeServer,
  type ForgeTestServer,
} from '../../engine/test/adapters/forges/forge-test-server.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import { runCliInProcess } from './run-cli-in-process.js';

afterAll(() => cleanupTempDirs());

const leaked = ['GITHUB_TOKEN', 'SLIPWAY_FORGE_API_URL'] as const;
let saved: Record<string, string | undefined> = {};
let server: ForgeTestServer;
beforeEach(async () => {
  server = await startForgeServer((request) => {
    if (request.path === '/repos/acme/shop/pulls/7') {
      return {
        status: 200,
        body: {
          number: 7,
          html_url: 'https://github.com/acme/shop/pull/7',
          title: 'Add the cart',
          body: '',
          user: { login: 'alice' },
          labels: [],
          requested_reviewers: [],
          merged_at: '2026-11-01T00:00:00Z',
          base: { ref: 'main', sha: 'f'.repeat(40) },
          head: { ref: 'cart', sha: 'e'.repeat(40) },
        },
      };
    }
    if (request.path === '/repos/acme/shop/pulls/7/reviews') return { status: 200, body: [] };
    return { status: 404, body: { message: 'Not Found' } };
  });
  saved = Object.fromEntries(leaked.map((name) => [name, process.env[name]]));
  // What a developer's shell or a CI job may hold: the command must not read it.
  process.env['GITHUB_TOKEN'] = 'ghp_from_process_env';
  process.env['SLIPWAY_FORGE_API_URL'] = server.origin;
});
afterEach(async () => {
  for (const name of leaked) {
    if (saved[name] === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = saved[name];
  }
  await server.close();
});

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCliInProcess(args, env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function repository(): string {
  const repo = createGitRepo([
    { commit: 'chore: init', files: { 'README.md': 'x' }, date: BASE_EPOCH_SECONDS },
    { tag: 'v1.0.0' },
    { commit: 'feat: add cart (#7)', files: { 'cart.ts': 'a' }, date: BASE_EPOCH_SECONDS + 60 },
  ]);
  repo.git(['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
  writeFileSync(join(repo.dir, 'slipway.toml'), '');
  repo.git(['add', 'slipway.toml']);
  repo.git(['commit', '-m', 'chore: config']);
  return repo.dir;
}

describe('version and release read the forge token from the command’s environment', () => {
  it('looks nothing up when only process.env holds a token', async () => {
    const dir = repository();
    const version = await run(['version', '--dry-run', '-C', dir], {});
    expect(version).toContain('add cart');
    expect(version).not.toContain('@alice');
    const release = await run(['release', '--dry-run', '-C', dir], {});
    expect(release).toContain('would commit the release and tag v1.1.0');
    expect(server.requests).toEqual([]);
  });

  it('asks the forge with the token the command was given', async () => {
    const dir = repository();
    const env = { GITHUB_TOKEN: 'ghp_given', SLIPWAY_FORGE_API_URL: server.origin };
    const version = await run(['version', '--dry-run', '-C', dir], env);
    expect(version).toContain('@alice');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.map((request) => request.headers.authorization)).toContain(
      'Bearer ghp_given',
    );
  });

  it('the built CLI’s tests hand it no forge token of this process', async () => {
    const dir = repository();
    const notes = await runBuiltCliAsync(['notes', '--json', '-C', dir]);
    expect(notes.status, notes.stderr).toBe(0);
    expect(JSON.parse(notes.stdout)).toMatchObject({ forge: { status: 'offline' } });
    expect(server.requests).toEqual([]);
  });
});
