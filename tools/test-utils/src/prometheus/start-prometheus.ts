import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { makeTempDir } from '../temp-dir.js';

/** `host:port`, or one with extra labels on every series scraped from it. */
export type ScrapeTarget =
  string | { readonly address: string; readonly labels?: Readonly<Record<string, string>> };

export interface StartPrometheusOptions {
  readonly scrapeTargets: readonly ScrapeTarget[];
  /** Scrape (and rule evaluation) interval; default 1, so tests see data within seconds. */
  readonly scrapeIntervalSeconds?: number;
  readonly metricsPath?: string;
  /** Default `/usr/bin/prometheus` (the Debian package). */
  readonly binary?: string;
  /** How long to wait for `/-/ready`; default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface PrometheusServer {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly storageDir: string;
  /**
   * Replaces the scrape targets (file-based service discovery: Prometheus notices the file
   * change within a second or so); `waitForTargets` then waits for the new set.
   */
  setScrapeTargets(targets: readonly ScrapeTarget[]): void;
  /** Waits until every target has been scraped successfully (health `up`). */
  waitForTargets(timeoutMs?: number): Promise<void>;
  /**
   * Polls an instant query until its result has at least `minResults` entries (a vector's series)
   * and returns the API's `data.result`; fails after the deadline with the last answer.
   */
  waitForQuery(query: string, options?: WaitForQueryOptions): Promise<unknown[]>;
  /** The last 64 KiB of Prometheus's output, for failure messages. */
  logs(): string;
  /** SIGTERM, then SIGKILL after 5 s; removes the storage directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface WaitForQueryOptions {
  readonly timeoutMs?: number;
  readonly minResults?: number;
}

// Every Prometheus still running when the process exits is killed (a test that forgot stop()).
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The configuration as JSON, which is valid YAML: no quoting rules to get wrong. */
function configuration(
  options: StartPrometheusOptions,
  interval: number,
  targetsFile: string,
): string {
  return JSON.stringify(
    {
      global: {
        scrape_interval: `${interval}s`,
        scrape_timeout: `${interval}s`,
        evaluation_interval: `${interval}s`,
      },
      scrape_configs: [
        {
          job_name: 'slipway-test',
          metrics_path: options.metricsPath ?? '/metrics',
          file_sd_configs: [{ files: [targetsFile], refresh_interval: '1s' }],
        },
      ],
    },
    null,
    2,
  );
}

/** Writes the file-discovery target list atomically (a rename), so Prometheus never reads half. */
function writeTargets(targetsFile: string, targets: readonly ScrapeTarget[]): void {
  const groups = targets.map((target) =>
    typeof target === 'string'
      ? { targets: [target], labels: {} }
      : { targets: [target.address], labels: { ...target.labels } },
  );
  writeFileSync(`${targetsFile}.tmp`, JSON.stringify(groups, null, 2));
  renameSync(`${targetsFile}.tmp`, targetsFile);
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body };
}

/**
 * Starts the real Prometheus on 127.0.0.1 (a free port) with a temporary storage directory,
 * scraping `scrapeTargets` every `scrapeIntervalSeconds`, and resolves once it is ready.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<PrometheusServer> {
  const interval = options.scrapeIntervalSeconds ?? 1;
  if (!(Number.isInteger(interval) && interval >= 1)) {
    throw new RangeError(
      `scrapeIntervalSeconds: ${interval} is not a whole number of seconds >= 1`,
    );
  }
  installExitHook();
  const dir = makeTempDir('slipway-prometheus-');
  const configFile = join(dir.path, 'prometheus.yml');
  const storageDir = join(dir.path, 'data');
  const targetsFile = join(dir.path, 'targets.json');
  writeTargets(targetsFile, options.scrapeTargets);
  writeFileSync(configFile, configuration(options, interval, targetsFile));
  // A port picked free can be taken before Prometheus binds it; try again with another.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(options, {
        configFile,
        storageDir,
        targetsFile,
        port,
        cleanup: dir.cleanup,
      });
    } catch (error) {
      lastError = error;
      if (!String(error).includes('address already in use')) break;
    }
  }
  dir.cleanup();
  throw lastError;
}

async function launch(
  options: StartPrometheusOptions,
  paths: {
    configFile: string;
    storageDir: string;
    targetsFile: string;
    port: number;
    cleanup: () => void;
  },
): Promise<PrometheusServer> {
  const { port, storageDir } = paths;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    options.binary ?? '/usr/bin/prometheus',
    [
      `--config.file=${paths.configFile}`,
      `--storage.tsdb.path=${storageDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      output += `\n${error.message}`;
      exited = true;
      running.delete(child);
      resolve();
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(killer);
      }
      paths.cleanup();
    })());

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`prometheus exited before it was ready:\n${output}`);
    }
    try {
      if ((await getJson(`${url}/-/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready at ${url} in time:\n${output}`);
    }
    await sleep(100);
  }

  let expectedTargets = options.scrapeTargets.length;
  return {
    url,
    port,
    storageDir,
    logs: () => output,
    stop,
    setScrapeTargets: (targets) => {
      writeTargets(paths.targetsFile, targets);
      expectedTargets = targets.length;
    },
    waitForTargets: async (timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      let last: unknown;
      for (;;) {
        const { body } = await getJson(`${url}/api/v1/targets?state=active`);
        last = body;
        const targets =
          (body as { data?: { activeTargets?: { health?: string }[] } }).data?.activeTargets ?? [];
        const up = targets.filter((target) => target.health === 'up').length;
        if (targets.length === expectedTargets && up === targets.length) return;
        if (Date.now() > until) {
          throw new Error(`prometheus targets not all up in time: ${JSON.stringify(last)}`);
        }
        await sleep(250);
      }
    },
    waitForQuery: async (query, waitOptions = {}) => {
      const until = Date.now() + (waitOptions.timeoutMs ?? 20_000);
      const minResults = waitOptions.minResults ?? 1;
      let last: unknown;
      for (;;) {
        const { body } = await getJson(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
        last = body;
        const result = (body as { data?: { result?: unknown } }).data?.result;
        if (Array.isArray(result) && result.length >= minResults) return result as unknown[];
        if (Date.now() > until) {
          throw new Error(
            `prometheus query ${query} gave no result in time: ${JSON.stringify(last)}`,
          );
        }
        await sleep(250);
      }
    },
  };
}
