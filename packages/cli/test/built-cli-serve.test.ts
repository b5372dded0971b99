import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import { builtCli, runBuiltCli } from './run-built-cli.js';

const adminToken = 'slw_test-admin-token-chosen-by-the-operator';
const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.cleanup()));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('slipway serve (built CLI)', () => {
  it('serves the API with SLIPWAY_ADMIN_TOKEN and stops cleanly on SIGTERM', async () => {
    const dir = makeTempDir('slipway-cli-serve-');
    dirs.push(dir);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, SLIPWAY_ADMIN_TOKEN: adminToken };
    delete env['SLIPWAY_DATABASE_URL'];
    const child = spawn(
      process.execPath,
      [builtCli, 'serve', '--port', String(port), '--data-dir', dir.path],
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('listening on')) resolve();
      });
      void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    expect(stdout).toContain(`listening on ${base} (sqlite)`);
    // The operator chose the admin secret, so none is generated or printed.
    expect(stdout).not.toContain('admin token');

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const created = await fetch(`${base}/api/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    const events = await fetch(`${base}/api/ledger/events?type=token.created`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    const body = (await events.json()) as { events: { actor: string }[] };
    expect(body.events.map((event) => event.actor)).toEqual([
      'slipway-serve',
      expect.stringMatching(/^token:/),
    ]);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM, finishing requests and stopping');

    // The same database, from the CLI: both tokens, no secrets.
    const list = runBuiltCli(['token', 'list', '--json', '--data-dir', dir.path], { env: {} });
    expect(list.status).toBe(0);
    const listed = JSON.parse(list.stdout) as { tokens: { role: string }[] };
    expect(listed.tokens.map((token) => token.role)).toEqual(['admin', 'viewer']);
    expect(list.stdout).not.toContain(secret);
  });

  it('creates scoped tokens from the CLI and refuses an unknown role', () => {
    const dir = makeTempDir('slipway-cli-token-');
    dirs.push(dir);
    const created = runBuiltCli([
      'token',
      'create',
      '--role',
      'releaser',
      '--service',
      'api',
      '--env',
      'dev',
      '--env',
      'staging',
      '--json',
      '--data-dir',
      dir.path,
    ]);
    expect(created.status).toBe(0);
    const result = JSON.parse(created.stdout) as {
      token: { role: string; services: string[]; environments: string[] };
      secret: string;
    };
    expect(result.token).toMatchObject({
      role: 'releaser',
      services: ['api'],
      environments: ['dev', 'staging'],
    });
    expect(result.secret).toMatch(/^slw_/);
    const human = runBuiltCli(['token', 'list', '--data-dir', dir.path]);
    expect(human.stdout).toContain('releaser services=api envs=dev,staging');
    const bad = runBuiltCli(['token', 'create', '--role', 'root', '--data-dir', dir.path]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown role root');
  });
});
