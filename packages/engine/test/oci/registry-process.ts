import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@slipway/test-utils';
import type { TokenServer } from './token-server.js';
import { startTokenServer, testUser } from './token-server.js';

export const registryBinary = '/usr/bin/docker-registry';

export interface RunningRegistry {
  /** `127.0.0.1:<port>`, the reference prefix. */
  readonly host: string;
  readonly tokenServer: TokenServer | null;
  stop(): Promise<void>;
}

/** A free loopback port (the package's own service, if running, keeps 5000). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * Starts Debian's docker-registry on loopback with its own config and storage in a temp dir;
 * with `auth: 'token'` it trusts a token server the test runs (self-signed cert made by openssl),
 * with `auth: 'basic'` it checks an htpasswd file holding the test user.
 */
export async function startRegistry(
  auth: 'none' | 'token' | 'basic' = 'none',
): Promise<RunningRegistry> {
  const dir = makeTempDir('slipway-registry-');
  const port = await freePort();
  let tokenServer: TokenServer | null = null;
  let authBlock = '';
  if (auth === 'token') {
    const key = join(dir.path, 'token.key');
    const cert = join(dir.path, 'token.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=slipway-test-token',
      ],
      { stdio: 'ignore' },
    );
    tokenServer = await startTokenServer({
      keyFile: key,
      certFile: cert,
      issuer: 'slipway-test',
      service: 'slipway-registry',
    });
    authBlock = [
      'auth:',
      '  token:',
      `    realm: ${tokenServer.url}/token`,
      '    service: slipway-registry',
      '    issuer: slipway-test',
      `    rootcertbundle: ${cert}`,
    ].join('\n');
  }
  if (auth === 'basic') {
    // The registry accepts bcrypt entries only; htpasswd (apache2-utils) makes one.
    const passwords = join(dir.path, 'htpasswd');
    execFileSync('htpasswd', ['-Bbc', passwords, testUser.username, testUser.password], {
      stdio: 'ignore',
    });
    authBlock = ['auth:', '  htpasswd:', '    realm: slipway-test', `    path: ${passwords}`].join(
      '\n',
    );
  }
  const config = join(dir.path, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir.path, 'data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '  secret: slipway-test-secret',
      authBlock,
      '',
    ].join('\n'),
  );
  const child = spawn(registryBinary, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const host = `127.0.0.1:${port}`;
  await waitUntilUp(host, child, () => stderr);
  return {
    host,
    tokenServer,
    stop: async () => {
      await stopChild(child);
      await tokenServer?.close();
      dir.cleanup();
    },
  };
}

async function waitUntilUp(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr()}`);
    try {
      const response = await fetch(`http://${host}/v2/`);
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not start on ${host}: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
