import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { CatalogFile, CatalogImportReport } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import type { CatalogDatabaseOptions } from './cli-actor.js';
import { dataDirHelp } from './cli-actor.js';
import { withControlPlane } from './with-control-plane.js';

/** `slipway catalog import`: Backstage catalog-info.yaml files into the service catalog. */
export function registerCatalogCommand(program: Command, context: CliContext): void {
  const catalog = program
    .command('catalog')
    .description('import the service catalog from Backstage catalog-info.yaml files');

  catalog
    .command('import')
    .description(
      'add or update a service per kind: Component, keyed by entity reference; all or nothing',
    )
    .argument('<file...>', 'catalog-info.yaml files (several YAML documents each)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (paths: string[], options: CatalogDatabaseOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd } = globalOptions(command, context.streams);
      const files = await Promise.all(paths.map((path) => readCatalogFile(cwd, path)));
      const report = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.importCatalog(files, { actor }),
      );
      if (output.json) output.data(report);
      printReport(report, output);
      context.exitCode = report.applied ? ExitCode.success : ExitCode.failure;
    });
}

async function readCatalogFile(cwd: string, path: string): Promise<CatalogFile> {
  const absolute = resolve(cwd, path);
  try {
    return { file: relative(cwd, absolute) || path, text: await readFile(absolute, 'utf8') };
  } catch (error) {
    throw new SlipwayError('USAGE', `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
      subject: path,
    });
  }
}

function printReport(report: CatalogImportReport, output: Output): void {
  const { style } = output;
  // Errors on stderr in both modes, so scripts see them beside the --json document.
  for (const error of report.errors) {
    const field = error.field === '' ? '' : ` ${error.field}:`;
    output.error(`${error.file} document ${error.document}:${field} ${error.message}`);
  }
  for (const skip of report.skipped) {
    output.line(
      style.dim(`skipped ${skip.file} document ${skip.document}: ${skip.name} (${skip.reason})`),
    );
  }
  if (!report.applied) {
    output.line(`${style.red('nothing imported')}: ${count(report.errors.length, 'error')}`);
    return;
  }
  output.line(
    `${style.green('imported')}: ${report.added.length} added, ${report.updated.length} updated, ` +
      `${report.unchanged.length} unchanged, ${report.skipped.length} skipped`,
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
