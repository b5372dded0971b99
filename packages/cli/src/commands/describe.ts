import type { Command } from 'commander';
import { describeLocalSchemeNames, describeVersionSchemeNames } from '@slipway/core';
import { createDescribeServiceFor, describeDefaults } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

export interface DescribeCommandOptions {
  versionScheme: string;
  localScheme: string;
  scheme: string;
}

/**
 * `slipway describe`: the version of the checkout between releases, the string setuptools-scm
 * prints for the same repository. Human output is the bare version, for `$(slipway describe)`.
 */
export function registerDescribeCommand(program: Command, context: CliContext): void {
  program
    .command('describe')
    .description('print the version of the current checkout (setuptools-scm compatible)')
    .option(
      '--version-scheme <name>',
      `setuptools-scm version scheme: ${describeVersionSchemeNames.join(', ')}`,
      describeDefaults.versionScheme,
    )
    .option(
      '--local-scheme <name>',
      `setuptools-scm local scheme: ${describeLocalSchemeNames.join(', ')}`,
      describeDefaults.localScheme,
    )
    .option('--scheme <scheme>', 'write the version as pep440 or semver', describeDefaults.scheme)
    .action(async (options: DescribeCommandOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const service = createDescribeServiceFor(cwd, { env: context.streams.env });
      const description = await service.describe({
        versionScheme: options.versionScheme,
        localScheme: options.localScheme,
        scheme: options.scheme,
      });
      if (output.json) output.data(description);
      else output.line(description.version);
      context.exitCode = ExitCode.success;
    });
}
