import type { Command } from 'commander';
import type { BumpKind, SchemeName, VersionScheme } from '@slipway/core';
import {
  SlipwayError,
  bumpVersion,
  convertVersion,
  getVersionScheme,
  normalizeVersions,
  parseVersion,
  sortVersions,
} from '@slipway/core';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

const bumpKinds: readonly BumpKind[] = ['major', 'minor', 'patch', 'prerelease', 'release'];

interface SchemeOption {
  scheme: string;
}

/**
 * `slipway versions`: a version calculator for scripts. Any invalid input makes the exit code 1
 * (the output still reports every input), so scripts can test validity with the exit code.
 */
export function registerVersionsCommand(program: Command, context: CliContext): void {
  const versions = program
    .command('versions')
    .description('normalize, sort, bump and convert versions (SemVer 2.0 or PEP 440)');

  versions
    .command('normalize')
    .description('print the normalized form of each version, or report it invalid')
    .argument('<version...>')
    .option('--scheme <scheme>', 'pep440 or semver', 'pep440')
    .action((inputs: string[], options: SchemeOption, command: Command) => {
      const output = outputFor(command, context);
      const results = normalizeVersions(getVersionScheme(options.scheme), inputs);
      if (output.json) output.data(results);
      for (const result of results) {
        if (result.valid) output.line(result.normalized ?? '');
        else output.warn(`"${result.input}" is not a valid ${options.scheme} version`);
      }
      context.exitCode = results.every((result) => result.valid)
        ? ExitCode.success
        : ExitCode.failure;
    });

  versions
    .command('sort')
    .description('print the valid versions in ascending order')
    .argument('<version...>')
    .option('--scheme <scheme>', 'pep440 or semver', 'pep440')
    .action((inputs: string[], options: SchemeOption, command: Command) => {
      const output = outputFor(command, context);
      const { sorted, invalid } = sortVersions(getVersionScheme(options.scheme), inputs);
      if (output.json) output.data(sorted);
      for (const version of sorted) output.line(version);
      for (const input of invalid)
        output.warn(`"${input}" is not a valid ${options.scheme} version`);
      context.exitCode = invalid.length === 0 ? ExitCode.success : ExitCode.failure;
    });

  versions
    .command('bump')
    .description('bump each version by major, minor, patch, prerelease or release')
    .argument('<kind>', bumpKinds.join('|'))
    .argument('<version...>')
    .option('--scheme <scheme>', 'pep440 or semver', 'pep440')
    .option('--preid <id>', 'pre-release identifier for prerelease bumps (rc, beta, alpha)')
    .action(
      (
        kind: string,
        inputs: string[],
        options: SchemeOption & { preid?: string },
        command: Command,
      ) => {
        const output = outputFor(command, context);
        const scheme = getVersionScheme(options.scheme);
        const bumpKind = parseBumpKind(kind);
        const results = inputs.map((input) => ({
          input,
          bumped: scheme.format(
            bumpVersion(
              parseVersion(scheme, input),
              bumpKind,
              options.preid === undefined ? {} : { preid: options.preid },
            ),
          ),
        }));
        if (output.json) output.data(results);
        for (const result of results) output.line(result.bumped);
      },
    );

  versions
    .command('convert')
    .description('render each version in the other scheme (PEP 440 ⇄ SemVer)')
    .argument('<version...>')
    .option('--to <scheme>', 'target scheme: pep440 or semver')
    .option('--scheme <scheme>', 'same as --to')
    .option('--from <scheme>', 'source scheme (default: the other one)')
    .action(
      (
        inputs: string[],
        options: { to?: string; scheme?: string; from?: string },
        command: Command,
      ) => {
        const output = outputFor(command, context);
        const to = requireScheme(options.to ?? options.scheme, '--to');
        const from =
          options.from === undefined ? otherScheme(to) : getVersionScheme(options.from).name;
        const results = inputs.map((input) => ({
          input,
          converted: convertVersion(input, from, to.name),
        }));
        if (output.json) output.data(results);
        for (const result of results) output.line(result.converted);
      },
    );
}

function parseBumpKind(kind: string): BumpKind {
  const found = bumpKinds.find((candidate) => candidate === kind);
  if (found === undefined) {
    throw new SlipwayError('USAGE', `bump kind "${kind}" is not one of ${bumpKinds.join(', ')}`, {
      subject: kind,
    });
  }
  return found;
}

function requireScheme(name: string | undefined, option: string): VersionScheme {
  if (name === undefined) {
    throw new SlipwayError('USAGE', `${option} <scheme> is required (pep440 or semver)`, {
      subject: option,
    });
  }
  return getVersionScheme(name);
}

function otherScheme(scheme: VersionScheme): SchemeName {
  return scheme.name === 'pep440' ? 'semver' : 'pep440';
}
