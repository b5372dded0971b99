import { SlipwayError } from '@slipway/core';
import type { RolloutContext, TrafficRouter } from '../../features/rollouts/rollout-ports.js';
import { describeArgv, runProgram } from './run-program.js';
import { KeyedQueue, checkWeight } from './traffic-weight.js';

export const defaultTrafficCommandTimeoutSeconds = 60;

/** Per process: routers built for one rollout (a step, then its abort) take turns. */
const commandQueue = new KeyedQueue();

export interface CommandTrafficRouterOptions {
  /** argv, run without a shell. */
  readonly command: readonly string[];
  readonly timeoutSeconds?: number;
  /** Inherited by the program before the SLIPWAY_* variables; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** The request as environment variables: the contract between Slipway and a router script. */
export function trafficCommandEnvironment(
  weight: number,
  context: RolloutContext,
): Record<string, string> {
  return {
    SLIPWAY_CANARY_WEIGHT: String(weight),
    SLIPWAY_ROLLOUT_ID: context.rolloutId,
    SLIPWAY_SERVICE: context.service,
    SLIPWAY_ENVIRONMENT: context.environment,
    SLIPWAY_STABLE_VERSION: context.stableVersion ?? '',
    SLIPWAY_CANARY_VERSION: context.canaryVersion,
    SLIPWAY_ACTOR: context.actor,
  };
}

/**
 * Any external router (a load balancer's CLI, a service mesh, a script): the weight goes to a
 * program, exit status 0 means applied. It cannot tell the current weight.
 */
export class CommandTrafficRouter implements TrafficRouter {
  readonly kind = 'command';
  readonly #options: CommandTrafficRouterOptions;

  constructor(options: CommandTrafficRouterOptions) {
    if (options.command.length === 0 || options.command[0] === '') {
      throw new SlipwayError('CONFIG_INVALID', 'trafficRouter.command: an argv is needed', {
        subject: 'trafficRouter.command',
      });
    }
    const timeout = options.timeoutSeconds;
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `trafficRouter.timeoutSeconds ${timeout}: a positive number of seconds is needed`,
        { subject: 'trafficRouter.timeoutSeconds' },
      );
    }
    this.#options = options;
  }

  async setWeight(weight: number, context: RolloutContext): Promise<void> {
    const checked = checkWeight(weight);
    return commandQueue.run(context.rolloutId, async () => {
      const { command } = this.#options;
      const result = await runProgram({
        argv: command,
        env: {
          ...(this.#options.env ?? process.env),
          ...trafficCommandEnvironment(checked, context),
        },
        timeoutSeconds: this.#options.timeoutSeconds ?? defaultTrafficCommandTimeoutSeconds,
        ...(this.#options.cwd === undefined ? {} : { cwd: this.#options.cwd }),
      });
      if (result.ok) return;
      const stderr = result.stderr.trim();
      throw new SlipwayError(
        'DEPLOY_FAILED',
        `traffic command ${describeArgv(command)} ${result.failure ?? 'failed'} setting ` +
          `${context.service}/${context.environment} to ${checked}% canary` +
          (stderr === '' ? '' : `:\n${stderr}`),
        { subject: 'trafficRouter.command' },
      );
    });
  }

  currentWeight(_context: RolloutContext): Promise<number | null> {
    return Promise.resolve(null);
  }
}
