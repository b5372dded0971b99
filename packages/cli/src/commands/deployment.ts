import type { Command } from 'commander';
import { Option } from 'commander';
import type { StatusReport } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { dataDirHelp } from './cli-actor.js';
import { printDeployment, printFailure, withCiRun, withImage } from './deployment-output.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface ReportOptions extends ControlPlaneOptions {
  status: StatusReport['status'];
  log?: string;
}

/** `slipway deployment show|report`: one deployment, and CI reporting its outcome. */
export function registerDeploymentCommand(program: Command, context: CliContext): void {
  const deployment = program
    .command('deployment')
    .description('show a deployment, or report the outcome of one that CI performs');

  deployment
    .command('show')
    .argument('<id>', 'the deployment id')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: ControlPlaneOptions, command: Command) => {
      const output = outputFor(command, context);
      const found = await readControlPlane(command, context, options, async ({ controlPlane }) =>
        // The image digest is shown next to the version and the commit; the CI run that asked.
        withCiRun(
          controlPlane,
          await withImage(controlPlane, await controlPlane.getDeployment(id)),
        ),
      );
      if (output.json) output.data(found);
      else {
        printDeployment(found, output);
        if (found.logs !== '') output.line(found.logs.trimEnd());
      }
      context.exitCode = ExitCode.success;
    });

  deployment
    .command('report')
    .description('record the outcome of an in_progress deployment (CI performs it)')
    .argument('<id>', 'the deployment id')
    .addOption(
      new Option('--status <status>', 'the outcome')
        .choices(['in_progress', 'succeeded', 'failed'])
        .makeOptionMandatory(),
    )
    .option('--log <text>', 'a line to append to its logs (e.g. the CI job URL)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: ReportOptions, command: Command) => {
      const output = outputFor(command, context);
      const reported = await withControlPlane(
        command,
        context,
        options,
        ({ controlPlane, actor }) =>
          controlPlane.reportDeployment(
            id,
            { status: options.status, ...(options.log === undefined ? {} : { log: options.log }) },
            { actor },
          ),
      );
      if (output.json) output.data(reported);
      else printDeployment(reported, output);
      printFailure(reported, output);
      context.exitCode = ExitCode.success;
    });
}
