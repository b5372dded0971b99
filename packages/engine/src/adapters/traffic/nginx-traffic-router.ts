import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/core';
import type { RolloutContext, TrafficRouter } from '../../features/rollouts/rollout-ports.js';
import type { NginxUpstream } from './nginx-upstream-file.js';
import {
  checkNginxUpstream,
  parseNginxUpstream,
  renderNginxUpstream,
} from './nginx-upstream-file.js';
import { describeArgv, runProgram } from './run-program.js';
import { KeyedQueue, checkWeight } from './traffic-weight.js';

export const defaultNginxReload: readonly string[] = ['nginx', '-s', 'reload'];

export interface NginxTrafficRouterOptions extends NginxUpstream {
  /** The upstreams file this router owns, included by the nginx configuration. */
  readonly upstreamFile: string;
  /** argv that makes nginx load the file; default `nginx -s reload`. */
  readonly reload?: readonly string[];
  /** argv that checks the configuration first (e.g. `nginx -t -q`); absent: no check. */
  readonly test?: readonly string[];
  /** For each of test and reload; default 30. */
  readonly timeoutSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** One queue per process: two routers on one file (a rollout and its abort) take turns. */
const fileQueue = new KeyedQueue();

/**
 * Splits traffic with a weighted nginx upstream: writes the block (atomically: a temp file
 * renamed over it), checks and reloads nginx, and puts the previous file back when that fails,
 * so the file on disk is always the one nginx runs.
 */
export class NginxTrafficRouter implements TrafficRouter {
  readonly kind = 'nginx';
  readonly #options: NginxTrafficRouterOptions;
  readonly #file: string;

  constructor(options: NginxTrafficRouterOptions) {
    checkNginxUpstream(options);
    if (options.upstreamFile === '') {
      throw new SlipwayError('CONFIG_INVALID', 'trafficRouter.upstreamFile: a path is needed', {
        subject: 'trafficRouter.upstreamFile',
      });
    }
    this.#options = options;
    this.#file = resolve(options.upstreamFile);
  }

  async setWeight(weight: number, _context: RolloutContext): Promise<void> {
    const checked = checkWeight(weight);
    return fileQueue.run(this.#file, async () => {
      const previous = await readIfExists(this.#file);
      await writeAtomically(this.#file, renderNginxUpstream(this.#options, checked));
      const reload = this.#options.reload ?? defaultNginxReload;
      let reloading = false;
      try {
        if (this.#options.test !== undefined) await this.#run('check', this.#options.test, checked);
        reloading = true;
        await this.#run('reload', reload, checked);
      } catch (error) {
        if (previous === undefined) await rm(this.#file, { force: true });
        else await writeAtomically(this.#file, previous);
        // A reload that failed late (a timeout after the signal) may have loaded the new file:
        // load the restored one, best effort (nginx may be down, which is why it failed).
        if (reloading) await this.#run('reload', reload, checked).catch(() => undefined);
        throw error;
      }
    });
  }

  async currentWeight(_context: RolloutContext): Promise<number | null> {
    const text = await readIfExists(this.#file);
    return text === undefined ? null : (parseNginxUpstream(this.#options, text) ?? null);
  }

  async #run(what: string, argv: readonly string[], weight: number): Promise<void> {
    const result = await runProgram({
      argv,
      timeoutSeconds: this.#options.timeoutSeconds ?? 30,
      ...(this.#options.env === undefined ? {} : { env: this.#options.env }),
    });
    if (result.ok) return;
    const output = result.stderr.trim() || result.stdout.trim();
    throw new SlipwayError(
      'DEPLOY_FAILED',
      `nginx ${what} failed setting upstream ${this.#options.upstream} to ${weight}% canary ` +
        `(${describeArgv(argv)} ${result.failure ?? ''}); ${this.#file} is restored` +
        (output === '' ? '' : `:\n${output}`),
      {
        subject: this.#file,
        hint: 'fix the nginx configuration or the reload command, then retry',
      },
    );
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Temp file in the same directory, then rename: nginx never reads a half-written file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temp = join(directory, `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temp, text, { mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
