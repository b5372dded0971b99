import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import { builtCli, runBuiltCli } from './run-built-cli.js';
import { freePort } from './serve-built-cli.js';

const dirs: { cleanup(): void }[] = [];
const children: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null }[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  dirs.splice(0).forEach((dir) => dir.cleanup());
});

const env = { SLIPWAY_DATABASE_URL: '', SLIPWAY_ACTOR: 'carol', NO_COLOR: '1' };

/** `slipway serve --demo` of the built CLI in `cwd`: its output once it printed `until`, or exited. */
async function serveDemo(cwd: string, port: number, until: string) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv['SLIPWAY_ADMIN_TOKEN'];
  const child = spawn(process.execPath, [builtCli, 'serve', '--demo', '--port', String(port)], {
    cwd,
    env: childEnv,
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // The exit code, or the signal that ended the process (so a failure says which).
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('close', (exitCode, signal) => resolve(exitCode ?? signal)),
  );
  const code = await new Promise<number | string | null>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes(until)) resolve('running');
    });
    void exited.then(resolve);
  });
  return { child, exited, code, stdout: () => stdout, stderr: () => stderr };
}

describe('slipway serve --demo (built CLI)', () => {
  it('seeds the demo, prints the URL and admin token, and answers /api/services with it', async () => {
    const dir = makeTempDir('slipway-cli-demo-');
    dirs.push(dir);
    const port = await freePort();
    const served = await serveDemo(dir.path, port, 'admin token');
    expect(served.code, served.stderr()).toBe('running');
    const base = `http://127.0.0.1:${port}`;
    expect(served.stdout()).toContain(`listening on ${base} (sqlite)`);
    expect(served.stdout()).toMatch(/demo data: 8 services, \d+ releases, \d+ deployments/);
    const token = /admin token \(shown once; only its hash is kept\): (\S+)/.exec(
      served.stdout(),
    )?.[1];
    expect(token).toBeDefined();
    const response = await fetch(`${base}/api/services`, {
      headers: { authorization: `Bearer ${token ?? ''}` },
    });
    expect(response.status).toBe(200);
    const services = (await response.json()) as { name: string; owner: string }[];
    expect(services.map((s) => s.name)).toEqual(
      expect.arrayContaining(['checkout', 'payments-api', 'search', 'web-frontend']),
    );
    expect(services).toHaveLength(8);
    served.child.kill('SIGTERM');
    expect(await served.exited, served.stderr()).toBe(0);

    // Started again on the same data, the demo is left as it is.
    const again = await serveDemo(dir.path, await freePort(), 'demo data:');
    expect(again.code, again.stderr()).toBe('running');
    expect(again.stdout()).toContain('demo data: already present (8 services), left as it is');
    again.child.kill('SIGTERM');
    expect(await again.exited, again.stderr()).toBe(0);
  }, 60_000);

  it('refuses a database that holds other services, naming them', async () => {
    const dir = makeTempDir('slipway-cli-demo-other-');
    dirs.push(dir);
    expect(runBuiltCli(['service', 'add', 'real-service'], { cwd: dir.path, env }).status).toBe(0);
    const served = await serveDemo(dir.path, await freePort(), 'listening on');
    expect(served.code).not.toBe('running');
    expect(served.code).not.toBe(0);
    expect(served.stderr()).toContain(
      '--demo seeds an empty database only; this one holds 1 services (real-service)',
    );
  }, 60_000);
});
