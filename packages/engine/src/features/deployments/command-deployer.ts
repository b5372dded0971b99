import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { BoundedLog } from './bounded-log.js';
import type { Deployer, DeployerOutcome, DeployerRequest } from './deployer.js';

export const defaultCommandTimeoutSeconds = 600;

/** After a kill, how long to wait for the pipes to close before answering anyway. */
const closeGraceMs = 2_000;

export interface CommandDeployerOptions {
  /** argv, run without a shell. */
  readonly command: readonly string[];
  readonly timeoutSeconds?: number;
  readonly cwd: string;
  /** Inherited by the program before the SLIPWAY_* variables; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  readonly maxLogBytes?: number;
}

/** The request as environment variables: the contract between Slipway and a deploy script. */
export function deployerEnvironment(request: DeployerRequest): Record<string, string> {
  return {
    SLIPWAY_DEPLOYMENT_ID: request.deploymentId,
    SLIPWAY_ACTION: request.action,
    SLIPWAY_SERVICE: request.service,
    SLIPWAY_ENVIRONMENT: request.environment,
    SLIPWAY_VERSION: request.version,
    SLIPWAY_DIGESTS: request.digests.join(' '),
    SLIPWAY_ARTIFACT_PATHS: request.artifactPaths.join(delimiter),
    // The program is called once per step: migrations first, each on its own, then the code.
    SLIPWAY_STEP: request.step?.kind ?? 'deploy',
    SLIPWAY_COMPONENT: request.step?.component ?? '',
    SLIPWAY_STEP_COMMAND: request.step?.command ?? '',
  };
}

/**
 * Runs a configured program per deployment. Exit status 0 is success; anything else, a timeout
 * or an abort is failure. The program leads its own process group, so a timeout kills whatever
 * it started too, and its output (stdout and stderr, interleaved) is kept within the log budget.
 */
export class CommandDeployer implements Deployer {
  readonly name = 'command';
  readonly #options: CommandDeployerOptions;

  constructor(options: CommandDeployerOptions) {
    if (options.command.length === 0) throw new TypeError('a command deployer needs an argv');
    this.#options = options;
  }

  deploy(request: DeployerRequest): Promise<DeployerOutcome> {
    const { command, cwd } = this.#options;
    const [program, ...args] = command as [string, ...string[]];
    const timeoutSeconds = this.#options.timeoutSeconds ?? defaultCommandTimeoutSeconds;
    const log = new BoundedLog(this.#options.maxLogBytes);
    return new Promise((resolve) => {
      const child = spawn(program, args, {
        cwd,
        env: { ...(this.#options.env ?? process.env), ...deployerEnvironment(request) },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
        shell: false,
      });
      let stopped: string | undefined;
      let settled = false;
      const finish = (outcome: DeployerOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const stop = (why: string): void => {
        if (stopped !== undefined) return;
        stopped = why;
        killGroup(child.pid);
        // A grandchild that left the group may hold the pipes open: do not wait for it forever.
        setTimeout(() => {
          finish({ status: 'failed', logs: `${log.toString()}\n${why}\n` });
        }, closeGraceMs).unref();
      };
      const timer = setTimeout(() => {
        stop(`timed out after ${timeoutSeconds}s; killed the process group of ${program}`);
      }, timeoutSeconds * 1_000);
      const onAbort = (): void => {
        stop(`aborted; killed the process group of ${program}`);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      if (request.signal?.aborted === true) onAbort();
      child.stdout.on('data', (chunk: Buffer) => log.append(chunk));
      child.stderr.on('data', (chunk: Buffer) => log.append(chunk));
      child.on('error', (error) => {
        finish({
          status: 'failed',
          logs: `${log.toString()}could not run ${program}: ${error.message}\n`,
        });
      });
      child.on('close', (code, signal) => {
        const output = log.toString();
        const separator = output === '' || output.endsWith('\n') ? '' : '\n';
        if (stopped !== undefined) {
          finish({ status: 'failed', logs: `${output}${separator}${stopped}\n` });
        } else if (code === 0) {
          finish({ status: 'succeeded', logs: output });
        } else {
          const how =
            code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with code ${code}`;
          finish({ status: 'failed', logs: `${output}${separator}${program} ${how}\n` });
        }
      });
    });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
