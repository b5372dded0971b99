import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { ControlPlane, Rollout } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { dataDirHelp } from './cli-actor.js';
import { printRollout, rolloutLine } from './rollout-output.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane } from './with-control-plane.js';

interface WatchOptions extends ControlPlaneOptions {
  interval: number;
  timeout: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `slipway rollout watch <id>`: follows a rollout until it ends. Against a server it only
 * watches (the server runs the steps); embedded, no server runs them, so watching also runs the
 * due steps, pauses and analyses in this process: a rollout without `slipway serve`.
 */
export function registerRolloutWatch(rollout: Command, context: CliContext): void {
  rollout
    .command('watch')
    .description(
      'follow a rollout until it ends; embedded (no --server) it also runs its due steps and analyses',
    )
    .argument('<rollout>', 'the rollout id')
    .option('--interval <seconds>', 'seconds between looks (default 1)', seconds, 1)
    .option('--timeout <seconds>', 'give up after this long (default 3600)', seconds, 3600)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: WatchOptions, command: Command) => {
      const output = outputFor(command, context);
      const final = await readControlPlane(
        command,
        context,
        options,
        ({ controlPlane, runDueRolloutSteps }) =>
          follow(controlPlane, id, {
            runDueSteps: runDueRolloutSteps,
            intervalMs: options.interval * 1000,
            deadline: Date.now() + options.timeout * 1000,
            onChange: (seen) => {
              if (!output.json) output.line(rolloutLine(seen, output));
            },
          }),
      );
      if (output.json) output.data(final);
      else printRollout(final, output);
      // Only a rollout that reached its users counts as success, as for `slipway deploy`.
      context.exitCode = final.status === 'succeeded' ? ExitCode.success : ExitCode.failure;
    });
}

async function follow(
  controlPlane: ControlPlane,
  id: string,
  options: {
    /** Embedded: runs the due steps before each look. */
    readonly runDueSteps: (() => Promise<unknown>) | null;
    readonly intervalMs: number;
    readonly deadline: number;
    readonly onChange: (rollout: Rollout) => void;
  },
): Promise<Rollout> {
  let last = '';
  for (;;) {
    if (options.runDueSteps !== null) await options.runDueSteps();
    const seen = await controlPlane.rollouts.getRollout(id);
    const shape = `${seen.status}/${seen.currentStep}/${seen.weight}/${seen.message ?? ''}`;
    if (shape !== last) options.onChange(seen);
    last = shape;
    if (seen.status === 'succeeded' || seen.status === 'aborted' || seen.status === 'frozen') {
      return seen;
    }
    if (Date.now() >= options.deadline) {
      // Giving up watching changes nothing: the rollout goes on where it is.
      throw new SlipwayError(
        'REFUSED',
        `rollout ${id} is still ${seen.status} at step ${seen.currentStep} (weight ${seen.weight}%) after the --timeout`,
        { subject: id, hint: `watch again, or decide: slipway rollout promote|abort ${id}` },
      );
    }
    await sleep(options.intervalMs);
  }
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 86_400) {
    throw new InvalidArgumentError('a number of seconds above 0, at most 86400');
  }
  return parsed;
}
