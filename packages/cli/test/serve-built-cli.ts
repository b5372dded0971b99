import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { builtCli } from './run-built-cli.js';

export interface BuiltServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
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

/** `slipway serve` of the built CLI on a free loopback port, once it listens. */
export async function startBuiltServer(
  dataDir: string,
  env: Record<string, string | undefined>,
): Promise<BuiltServer> {
  const port = await freePort();
  // An undefined value removes the variable (e.g. a SLIPWAY_DATABASE_URL the test run has).
  const childEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter(
      ([key]) => !(key in env && env[key] === undefined),
    ),
  );
  const child = spawn(
    process.execPath,
    [builtCli, 'serve', '--port', String(port), '--data-dir', dataDir],
    { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('listening on')) resolve();
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
