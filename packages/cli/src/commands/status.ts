import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { StatusView } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import type { ShownDeployment } from './deployment-output.js';
import { imageLabel, shortDigest, withImages } from './deployment-output.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane } from './with-control-plane.js';

interface StatusOptions extends ControlPlaneOptions {
  service?: string;
}

interface HistoryOptions extends ControlPlaneOptions {
  env?: string;
  limit?: number;
}

/** `slipway status`: what runs where (service × environment). */
export function registerStatusCommand(program: Command, context: CliContext): void {
  program
    .command('status')
    .description('what runs where: version, digests, since when and by whom, per environment')
    .option('--service <name>', 'only this service')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: StatusOptions, command: Command) => {
      const output = outputFor(command, context);
      const view = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.status(options.service === undefined ? {} : { service: options.service }),
      );
      if (output.json) output.data(view);
      else printStatus(view, output);
      context.exitCode = ExitCode.success;
    });
}

/** `slipway history <service>`: its deployments, newest first. */
export function registerHistoryCommand(program: Command, context: CliContext): void {
  program
    .command('history')
    .description('the deployments of a service, newest first')
    .argument('<service>', 'the service, as in the catalog')
    .option('--env <env>', 'only deployments to this environment')
    .option('--limit <n>', 'at most this many (default 50)', parseLimit)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, options: HistoryOptions, command: Command) => {
      const output = outputFor(command, context);
      const deployments = await readControlPlane(
        command,
        context,
        options,
        async ({ controlPlane }) =>
          withImages(
            controlPlane,
            await controlPlane.history(service, {
              ...(options.env === undefined ? {} : { environment: options.env }),
              ...(options.limit === undefined ? {} : { limit: options.limit }),
            }),
          ),
      );
      if (output.json) output.data({ deployments });
      else if (deployments.length === 0) output.line(output.style.dim('no deployments'));
      else deployments.forEach((deployment) => printHistoryLine(deployment, output));
      context.exitCode = ExitCode.success;
    });
}

function printStatus(view: StatusView, output: Output): void {
  const { style } = output;
  if (view.services.length === 0) {
    output.line(style.dim('no services'));
    return;
  }
  for (const service of view.services) {
    output.line(style.bold(service.name));
    const environments = Object.entries(service.environments);
    if (environments.length === 0) output.line(style.dim('  nothing deployed'));
    for (const [name, running] of environments) {
      output.line(
        `  ${style.cyan(name.padEnd(10))} ${running.version.padEnd(12)} ${style.dim(running.digests.map(shortDigest).join(' '))} ${style.dim(`since ${running.deployedAt} by ${running.actor}`)}`,
      );
    }
  }
}

function printHistoryLine(deployment: ShownDeployment, output: Output): void {
  const { style } = output;
  const status =
    deployment.status === 'succeeded'
      ? style.green(deployment.status)
      : style.red(deployment.status);
  output.line(
    `${style.dim(deployment.createdAt)} ${style.cyan(deployment.environment.padEnd(10))} ${deployment.version.padEnd(12)} ${deployment.action.padEnd(8)} ${status} ${style.dim(`${deployment.actor} ${deployment.id}`)}${imageLabel(deployment) === '' ? '' : ` ${imageLabel(deployment)}`}`,
  );
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 1000) {
    throw new InvalidArgumentError('a whole number from 1 to 1000');
  }
  return limit;
}
