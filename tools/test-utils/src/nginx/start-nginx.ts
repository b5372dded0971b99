import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { nginxConfig } from './nginx-config.js';

export const nginxBinary = '/usr/sbin/nginx';

export interface StartNginxOptions {
  /** Where the configuration, pid, logs and temp files go (a test's temp dir). */
  readonly dir: string;
  /** The upstreams file the configuration includes (what the nginx traffic router owns). */
  readonly upstreamFile: string;
  /** The upstream block's name, which the server proxies to. */
  readonly upstream: string;
  /** Written as `upstream <name> { server <initialServer>; }` when the file does not exist. */
  readonly initialServer?: string;
  /** Default /usr/sbin/nginx (the Debian package). */
  readonly nginx?: string;
  /** How long to wait for nginx to listen; default 10 s. */
  readonly startTimeoutMs?: number;
}

export interface RunningNginx {
  /** 127.0.0.1:<port> answers through the upstream. */
  readonly port: number;
  readonly url: string;
  readonly configFile: string;
  /** The master process. */
  readonly pid: number;
  /** argv that reloads this nginx (what the router's `reload` takes). */
  readonly reloadArgv: readonly string[];
  /** argv that checks this nginx's configuration (`-t -q`). */
  readonly testArgv: readonly string[];
  /** Process ids of the worker processes now. */
  workers(): number[];
  /**
   * Resolves once none of `before` (workers before a reload) is left and a new one runs:
   * from then on every new connection sees the reloaded configuration.
   */
  whenReloaded(before: readonly number[], timeoutMs?: number): Promise<void>;
  /** The error log so far (for failure messages). */
  errorLog(): string;
  /** Stops nginx and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts a real nginx as the test's user on a free loopback port. It runs in the foreground as
 * a child of the test process and is killed when the process exits if the test forgets it.
 */
export async function startNginx(options: StartNginxOptions): Promise<RunningNginx> {
  if (!existsSync(options.upstreamFile)) {
    if (options.initialServer === undefined) {
      throw new Error(`startNginx: ${options.upstreamFile} does not exist and no initialServer`);
    }
    writeFileSync(
      options.upstreamFile,
      `upstream ${options.upstream} {\n    server ${options.initialServer};\n}\n`,
    );
  }
  let lastError: Error | undefined;
  // A port found free can be taken before nginx binds it: try again with another.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      lastError = error as Error;
      if (!/Address already in use/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('startNginx failed');
}

async function startOnce(options: StartNginxOptions, port: number): Promise<RunningNginx> {
  const { dir } = options;
  const nginx = options.nginx ?? nginxBinary;
  const configFile = join(dir, 'nginx.conf');
  const errorLogFile = join(dir, 'error.log');
  writeFileSync(
    configFile,
    nginxConfig({ dir, upstreamFile: options.upstreamFile, upstream: options.upstream, port }),
  );
  const base = [nginx, '-p', dir, '-c', configFile, '-e', errorLogFile];
  const child = spawn(nginx, base.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  installExitHook();
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = (): string =>
    existsSync(errorLogFile) ? readFileSync(errorLogFile, 'utf8') : '';
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    running.delete(child);
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      running.delete(child);
      throw new Error(`nginx did not start on 127.0.0.1:${port}: ${stderr}${errorLog()}`);
    }
    await sleep(20);
  }
  const pid = child.pid as number;
  const workers = (): number[] => childrenOf(pid);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    configFile,
    pid,
    reloadArgv: [...base, '-s', 'reload'],
    testArgv: [...base, '-t', '-q'],
    workers,
    whenReloaded: async (before, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const now = workers();
        if (now.length > 0 && now.every((worker) => !before.includes(worker))) return;
        if (Date.now() > end) {
          throw new Error(`nginx workers ${before.join(',')} still serve after ${timeoutMs} ms`);
        }
        await sleep(20);
      }
    },
    errorLog,
    stop,
  };
}

/** Children of a process, from /proc (Linux): nginx's workers and cache processes. */
function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return children;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
