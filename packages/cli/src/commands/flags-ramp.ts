import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { FlagRamp, RampStep } from '@slipway/engine';
import { parsePercent } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface RampScopeOptions {
  service?: string;
  env: string;
  dataDir?: string;
}

interface ScheduleOptions extends RampScopeOptions {
  variant: string;
  steps?: string;
  every?: string;
  start?: string;
  schedule?: string;
}

type ScopeOf = (options: RampScopeOptions, context: CliContext) => { service: string; env: string };
type Scoped = (command: Command) => Command;

/** `slipway flags ramp schedule|list|cancel`: rollouts the server moves at given times. */
export function registerRampCommands(
  flags: Command,
  context: CliContext,
  scoped: Scoped,
  scopeOf: ScopeOf,
): void {
  const ramp = flags
    .command('ramp')
    .description('scheduled rollouts (5% → 25% → 50% → 100%), run by the server');

  scoped(
    ramp
      .command('schedule')
      .description('schedule the steps of a rollout, at intervals or at given times')
      .argument('<flag>', 'the flag key')
      .requiredOption('--variant <name>', 'the new variant (the default variant is the old one)')
      .option('--steps <percents>', 'e.g. 5,25,50,100 (with --every)')
      .option('--every <duration>', 'time between steps: 30s, 15m, 1h, 1d')
      .option('--start <time>', 'when the first step runs (ISO 8601; default now)')
      .option('--schedule <steps>', 'explicit steps: 5%@2026-12-01T09:00Z,25%@2026-12-02T09:00Z'),
  ).action(async (key: string, options: ScheduleOptions, command: Command) => {
    const output = outputFor(command, context);
    const steps = stepsOf(options);
    const scheduled = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
      controlPlane.flags.scheduleRamp(
        scopeOf(options, context),
        key,
        { variant: options.variant, steps },
        { actor },
      ),
    );
    if (output.json) output.data(scheduled);
    else output.line(`${output.style.green('scheduled')} ${describeRamp(scheduled, output)}`);
    context.exitCode = ExitCode.success;
  });

  scoped(ramp.command('list').description('the ramps of an environment, newest first')).action(
    async (options: RampScopeOptions, command: Command) => {
      const output = outputFor(command, context);
      const ramps = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.flags.listRamps(scopeOf(options, context)),
      );
      if (output.json) output.data({ ramps });
      else {
        ramps.forEach((item) => output.line(describeRamp(item, output)));
        if (ramps.length === 0) output.line(output.style.dim('no ramps'));
      }
      context.exitCode = ExitCode.success;
    },
  );

  ramp
    .command('cancel <id>')
    .description('cancel a ramp; the flag stays at the step it reached')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: { dataDir?: string }, command: Command) => {
      const output = outputFor(command, context);
      const cancelled = await withControlPlane(
        command,
        context,
        options,
        ({ controlPlane, actor }) => controlPlane.flags.cancelRamp(id, { actor }),
      );
      if (output.json) output.data(cancelled);
      else output.line(`${output.style.yellow('cancelled')} ${describeRamp(cancelled, output)}`);
      context.exitCode = ExitCode.success;
    });
}

function stepsOf(options: ScheduleOptions): RampStep[] {
  if (options.schedule !== undefined) {
    if (options.steps !== undefined || options.every !== undefined) {
      throw new SlipwayError('USAGE', '--schedule or --steps with --every, not both', {
        subject: 'schedule',
      });
    }
    return options.schedule.split(',').map((part) => {
      const [percent = '', at = ''] = part.split('@');
      if (Number.isNaN(Date.parse(at))) {
        throw new SlipwayError('USAGE', `--schedule ${part}: expected <percent>@<ISO time>`, {
          subject: 'schedule',
        });
      }
      return { percent: parsePercent(percent), at: new Date(at).toISOString() };
    });
  }
  if (options.steps === undefined || options.every === undefined) {
    throw new SlipwayError('USAGE', 'give --steps with --every, or --schedule', {
      subject: 'steps',
      hint: 'e.g. --steps 5,25,50,100 --every 1h',
    });
  }
  const every = durationMs(options.every);
  const start = options.start === undefined ? Date.now() : Date.parse(options.start);
  if (Number.isNaN(start)) {
    throw new SlipwayError('USAGE', `--start ${options.start}: not a date and time`, {
      subject: 'start',
    });
  }
  return options.steps.split(',').map((percent, index) => ({
    percent: parsePercent(percent),
    at: new Date(start + index * every).toISOString(),
  }));
}

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function durationMs(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (match === null) {
    throw new SlipwayError('USAGE', `--every ${text}: expected a duration like 30s, 15m, 1h, 1d`, {
      subject: 'every',
    });
  }
  return Number(match[1]) * (units[match[2] as string] as number);
}

function describeRamp(ramp: FlagRamp, output: Output): string {
  const steps = ramp.steps
    .map((step, index) => {
      const text = `${step.percent}%@${step.at}`;
      return index < ramp.nextStep ? output.style.dim(text) : text;
    })
    .join(' → ');
  const status =
    ramp.status === 'failed'
      ? output.style.red(`failed: ${ramp.lastError ?? ''}`)
      : output.style.cyan(ramp.status);
  return `${ramp.id} ${output.style.bold(ramp.key)} → ${ramp.variant} ${status} ${steps}`;
}
