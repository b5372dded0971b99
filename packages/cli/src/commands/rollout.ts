import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { ControlPlane, Rollout, RolloutStatus } from '@slipway/engine';
import { rolloutStatuses } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { dataDirHelp } from './cli-actor.js';
import { printRollout, rolloutLine } from './rollout-output.js';
import { registerRolloutWatch } from './rollout-watch.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface ListOptions extends ControlPlaneOptions {
  service?: string;
  env?: string;
  status?: RolloutStatus;
  limit?: number;
}

interface StatusOptions extends ControlPlaneOptions {
  env?: string;
}

type Act = { actor: string };

/** `slipway rollout list|status|promote|abort|retry|pause|resume`: progressive delivery by hand. */
export function registerRolloutCommand(program: Command, context: CliContext): void {
  const rollout = program
    .command('rollout')
    .description('canary and blue-green rollouts: status, and manual control (each audited)');

  rollout
    .command('list')
    .description('rollouts, newest first')
    .option('--service <name>', 'only rollouts of this service')
    .option('--env <env>', 'only rollouts in this environment')
    .addOption(
      new Option('--status <status>', 'only rollouts in this status').choices(rolloutStatuses),
    )
    .option('--limit <n>', 'at most this many (default 50)', parseLimit)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ListOptions, command: Command) => {
      const output = outputFor(command, context);
      const rollouts = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.rollouts.listRollouts({
          ...(options.service === undefined ? {} : { service: options.service }),
          ...(options.env === undefined ? {} : { environment: options.env }),
          ...(options.status === undefined ? {} : { status: options.status }),
          ...(options.limit === undefined ? {} : { limit: options.limit }),
        }),
      );
      if (output.json) output.data({ rollouts });
      else if (rollouts.length === 0) output.line(output.style.dim('no rollouts'));
      else rollouts.forEach((item) => output.line(rolloutLine(item, output)));
      context.exitCode = ExitCode.success;
    });

  rollout
    .command('status')
    .description('one rollout: step, weight, analysis runs, measurements and judge verdicts')
    .argument('<rollout>', 'a rollout id; with --env, a service (its latest rollout there)')
    .option('--env <env>', 'the latest rollout of the service named in <rollout> in this env')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (subject: string, options: StatusOptions, command: Command) => {
      const output = outputFor(command, context);
      const found = await readControlPlane(command, context, options, ({ controlPlane }) =>
        options.env === undefined
          ? controlPlane.rollouts.getRollout(subject)
          : latestRollout(controlPlane, subject, options.env),
      );
      if (output.json) output.data(found);
      else printRollout(found, output);
      context.exitCode = ExitCode.success;
    });

  registerRolloutWatch(rollout, context);

  control(rollout, 'promote', 'end a pause or skip the current step (--full: straight to 100%)')
    .option('--full', 'skip every remaining step and analysis: 100% now')
    .action(
      act(context, 'promoted', (plane, id, actor, options: { full?: boolean }) =>
        plane.rollouts.promoteRollout(id, {
          ...actor,
          ...(options.full === true ? { full: true } : {}),
        }),
      ),
    );

  control(
    rollout,
    'abort',
    'all traffic back to stable, deployment failed, the release’s flags restored',
  )
    .option('--reason <text>', 'why, recorded in the ledger')
    .action(
      act(context, 'aborted', (plane, id, actor, options: { reason?: string }) =>
        plane.rollouts.abortRollout(id, {
          ...actor,
          ...(options.reason === undefined ? {} : { reason: options.reason }),
        }),
      ),
    );

  control(rollout, 'retry', 'start an aborted rollout again from its first step').action(
    act(context, 'retried', (plane, id, actor) => plane.rollouts.retryRollout(id, actor)),
  );
  control(rollout, 'pause', 'hold a progressing rollout at its current step').action(
    act(context, 'paused', (plane, id, actor) => plane.rollouts.pauseRollout(id, actor)),
  );
  control(rollout, 'resume', 'let a paused rollout go on').action(
    act(context, 'resumed', (plane, id, actor) => plane.rollouts.resumeRollout(id, actor)),
  );
}

function control(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('<rollout>', 'the rollout id')
    .option('--data-dir <dir>', dataDirHelp);
}

function act<O extends object>(
  context: CliContext,
  verb: string,
  perform: (plane: ControlPlane, id: string, actor: Act, options: O) => Promise<Rollout>,
): (id: string, options: O & ControlPlaneOptions, command: Command) => Promise<void> {
  return async (id, options, command) => {
    const output = outputFor(command, context);
    const changed = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
      perform(controlPlane, id, { actor }, options),
    );
    if (output.json) output.data(changed);
    else {
      output.line(`${output.style.green(verb)} rollout ${changed.id}`);
      printRollout(changed, output);
    }
    context.exitCode = ExitCode.success;
  };
}

async function latestRollout(
  controlPlane: ControlPlane,
  service: string,
  environment: string,
): Promise<Rollout> {
  const [latest] = await controlPlane.rollouts.listRollouts({ service, environment, limit: 1 });
  if (latest === undefined) {
    throw new SlipwayError('NOT_FOUND', `no rollout of ${service} in ${environment}`, {
      subject: `${service}/${environment}`,
    });
  }
  return latest;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InvalidArgumentError('a whole number from 1 to 500');
  }
  return limit;
}
