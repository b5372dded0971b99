import type { Command } from 'commander';
import type { PackageFile } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { withControlPlane } from './with-control-plane.js';

interface YankOptions extends ControlPlaneOptions {
  reason?: string;
}

/** `slipway index yank|unyank`: PEP 592 yanking in the package index of `slipway serve`. */
export function registerIndexCommand(program: Command, context: CliContext): void {
  const index = program
    .command('index')
    .description('the Python package index: yank and unyank versions or files');

  index
    .command('yank')
    .description(
      'yank a version (every file of it) or one file: pip skips it unless pinned with ==',
    )
    .argument('<project>', 'the project name')
    .argument('<target>', 'a version, or a file name')
    .option('--reason <text>', 'why, shown to installers (PEP 592)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (project: string, target: string, options: YankOptions, command: Command) => {
      const files = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.packageIndex.yank(
          { project, target, ...(options.reason === undefined ? {} : { reason: options.reason }) },
          { actor },
        ),
      );
      report(command, context, 'yanked', files);
    });

  index
    .command('unyank')
    .description('take a yank back: the version or file is installable as before')
    .argument('<project>', 'the project name')
    .argument('<target>', 'a version, or a file name')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (project: string, target: string, options: YankOptions, command: Command) => {
      const files = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.packageIndex.unyank({ project, target }, { actor }),
      );
      report(command, context, 'unyanked', files);
    });
}

function report(
  command: Command,
  context: CliContext,
  done: string,
  files: readonly PackageFile[],
): void {
  const output = outputFor(command, context);
  if (output.json) output.data({ files });
  else {
    for (const file of files) {
      const reason = file.yanked === false || file.yanked === '' ? '' : ` (${file.yanked})`;
      output.line(`${output.style.green(done)} ${file.filename}${output.style.dim(reason)}`);
    }
  }
  context.exitCode = ExitCode.success;
}
