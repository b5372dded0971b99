import type { Command } from 'commander';
import {
  CliGit,
  applyFileChanges,
  createPlanServiceFor,
  prepareRelease,
  unifiedDiff,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { printWarnings } from './print-warnings.js';
import type { PlanningOptions } from './release-options.js';
import { planRequest, prepareOptions, withPlanningOptions } from './release-options.js';

export function registerVersionCommand(program: Command, context: CliContext): void {
  withPlanningOptions(
    program
      .command('version')
      .description('write the planned version into the version files and update the changelog'),
  )
    .option('--dry-run', 'print the unified diff of every file and change nothing')
    .action(async (options: PlanningOptions & { dryRun?: boolean }, command: Command) => {
      const { cwd, cache } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const dateOption = prepareOptions(options);
      const planContext = await createPlanServiceFor(cwd, { cache }).plan(planRequest(options));
      printWarnings(planContext.plan.warnings, output);
      const prepared = await prepareRelease(new CliGit({ cwd }), planContext, dateOption);
      if (prepared === null) {
        if (output.json) output.data({ version: null, files: [] });
        else
          output.warn(
            `nothing to release since ${planContext.plan.currentTag ?? 'the first commit'}`,
          );
        context.exitCode = ExitCode.nothingToRelease;
        return;
      }
      for (const note of prepared.detectionNotes) output.warn(note);
      const dryRun = options.dryRun === true;
      if (!dryRun) await applyFileChanges(planContext.topLevel, prepared.changes);
      const files = prepared.changes.map((change) => change.path);
      if (output.json) {
        output.data({
          version: prepared.version,
          tag: prepared.tag,
          dryRun,
          tagDerived: prepared.tagDerived,
          files: prepared.changes.map((change) => ({
            path: change.path,
            ...(dryRun ? { diff: unifiedDiff([change]) } : {}),
          })),
        });
        return;
      }
      if (dryRun) context.streams.stdout.write(unifiedDiff(prepared.changes));
      else
        output.line(
          `${prepared.version}: updated ${files.length === 0 ? 'no files' : files.join(', ')}`,
        );
      if (prepared.tagDerived) {
        output.warn(
          'the version is derived from tags (setuptools-scm style): no version file holds it',
        );
      }
    });
}
