import type { Command } from 'commander';
import { SlipwayError, checkStatuses } from '@slipway/core';
import type { CheckStatus } from '@slipway/core';
import type { CheckResult } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface AddOptions extends ControlPlaneOptions {
  name: string;
  status: string;
  url?: string;
  details?: string;
}

/** `slipway check-result add|list`: test, scan and verification results per release. */
export function registerCheckResultCommand(program: Command, context: CliContext): void {
  const checks = program
    .command('check-result')
    .description('record and list check results (tests, scans, provenance…) of a release');

  checks
    .command('add')
    .description('record one check result for a release; the latest result of a name counts')
    .argument('<service>', 'the service, as in the catalog')
    .argument('<ref>', 'a release version, or an artifact digest sha256:…')
    .requiredOption('--name <name>', 'the check, e.g. tests, security-scan, provenance, sbom')
    .requiredOption('--status <status>', checkStatuses.join(', '))
    .option('--url <url>', 'where the details are (the CI run)')
    .option('--details <text>', 'a short summary')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, ref: string, options: AddOptions, command: Command) => {
      const output = outputFor(command, context);
      const status = statusOf(options.status);
      const result = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.addCheckResult(
          {
            service,
            ref,
            name: options.name,
            status,
            ...(options.url === undefined ? {} : { url: options.url }),
            ...(options.details === undefined ? {} : { details: options.details }),
          },
          { actor },
        ),
      );
      if (output.json) output.data(result);
      else printCheck(result, output);
      context.exitCode = ExitCode.success;
    });

  checks
    .command('list')
    .description('the check results of a release, oldest first')
    .argument('<service>', 'the service, as in the catalog')
    .argument('<ref>', 'a release version, or an artifact digest sha256:…')
    .option('--data-dir <dir>', dataDirHelp)
    .action(
      async (service: string, ref: string, options: ControlPlaneOptions, command: Command) => {
        const output = outputFor(command, context);
        const results = await readControlPlane(command, context, options, ({ controlPlane }) =>
          controlPlane.listCheckResults(service, ref),
        );
        if (output.json) output.data({ checks: results });
        else {
          results.forEach((result) => printCheck(result, output));
          if (results.length === 0) output.line(output.style.dim('no check results'));
        }
        context.exitCode = ExitCode.success;
      },
    );
}

function statusOf(value: string): CheckStatus {
  if ((checkStatuses as readonly string[]).includes(value)) return value as CheckStatus;
  throw new SlipwayError(
    'USAGE',
    `--status must be one of ${checkStatuses.join(', ')}, got "${value}"`,
    {
      subject: 'status',
    },
  );
}

function printCheck(result: CheckResult, output: Output): void {
  const url = result.url === null ? '' : ` ${result.url}`;
  output.line(
    `${result.service} ${result.version} ${result.name}: ${result.status}${url} (${result.recordedAt}, ${result.recordedBy})`,
  );
}
