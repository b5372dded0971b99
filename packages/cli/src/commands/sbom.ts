import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { isoSeconds } from '@slipway/core';
import type { SbomFormat } from '@slipway/engine';
import {
  readGitFacts,
  readProjectSbom,
  renderSbom,
  sbomFormats,
  sha256File,
  sourceDateEpoch,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { cliVersion } from '../cli-version.js';
import { ExitCode } from '../exit-codes.js';

interface SbomOptions {
  format: SbomFormat;
  out?: string;
  artifact?: string;
}

/** `slipway sbom`: the SBOM of the project in the current directory, from its lock files. */
export function registerSbomCommand(program: Command, context: CliContext): void {
  program
    .command('sbom')
    .description(
      'write the SBOM of the project here (uv.lock, poetry.lock, pdm.lock, requirements*.txt, pyproject.toml, package-lock.json)',
    )
    .addOption(
      new Option('--format <format>', 'CycloneDX 1.6 or SPDX 2.3 JSON')
        .choices(sbomFormats)
        .default('cyclonedx'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--artifact <file>', 'the built artifact the SBOM describes (its sha256 is recorded)')
    .action(async (options: SbomOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const git = readGitFacts(cwd);
      const timestamp = isoSeconds(sourceDateEpoch(context.streams.env, git));
      const artifact =
        options.artifact === undefined
          ? undefined
          : {
              fileName: basename(options.artifact),
              sha256: await sha256File(resolve(cwd, options.artifact)),
            };
      const { sbom } = readProjectSbom(cwd, {
        timestamp,
        toolVersion: cliVersion(),
        ...(artifact === undefined ? {} : { artifact }),
      });
      const text = renderSbom(sbom, options.format);
      if (options.out === undefined) {
        context.streams.stdout.write(text);
      } else {
        const path = resolve(cwd, options.out);
        writeFileSync(path, text);
        if (output.json)
          output.data({ path, format: options.format, components: sbom.components.length });
        else output.line(`wrote ${options.format} SBOM of ${sbom.subject.name} to ${path}`);
      }
      context.exitCode = ExitCode.success;
    });
}
