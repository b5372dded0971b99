import type { Command } from 'commander';
import { applyFileChanges, unifiedDiff } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { nothingToReleaseMessage, prepareAll } from './prepare-all.js';
import type { PlanningOptions } from './release-options.js';
import { withPlanningOptions } from './release-options.js';

export function registerVersionCommand(program: Command, context: CliContext): void {
  withPlanningOptions(
    program
      .command('version')
      .description('write the planned version into the version files and update the changelog'),
  )
    .option('--dry-run', 'print the unified diff of every file and change nothing')
    .option('--no-forge', 'never ask the forge: the bump and notes come from git alone')
    .action(
      async (
        options: PlanningOptions & { dryRun?: boolean; forge?: boolean },
        command: Command,
      ) => {
        const { cwd, cache } = globalOptions(command, context.streams);
        const output = outputFor(command, context);
        // The command's environment (not process.env): its forge token, if any, enriches the notes.
        const { env } = context.streams;
        const { contexts, prepared } = await prepareAll(
          cwd,
          cache,
          options,
          output,
          env,
          options.forge !== false,
        );
        const [first, ...others] = prepared;
        if (first === undefined) {
          if (output.json) output.data({ version: null, files: [] });
          else output.warn(nothingToReleaseMessage(contexts));
          context.exitCode = ExitCode.nothingToRelease;
          return;
        }
        const changes = prepared.flatMap((release) => release.changes);
        const dryRun = options.dryRun === true;
        if (!dryRun) await applyFileChanges(first.context.topLevel, changes);
        const releases = prepared.map((release) => ({
          name: release.context.config.name,
          version: release.version,
          tag: release.tag,
        }));
        if (output.json) {
          output.data({
            version: first.version,
            tag: first.tag,
            dryRun,
            tagDerived: first.tagDerived,
            files: changes.map((change) => ({
              path: change.path,
              ...(dryRun ? { diff: unifiedDiff([change]) } : {}),
            })),
            releases,
          });
          return;
        }
        if (dryRun) context.streams.stdout.write(unifiedDiff(changes));
        else {
          for (const release of prepared) {
            const files = release.changes.map((change) => change.path);
            const label =
              others.length === 0
                ? release.version
                : `${release.context.config.name} ${release.version}`;
            output.line(`${label}: updated ${files.length === 0 ? 'no files' : files.join(', ')}`);
          }
        }
        if (prepared.some((release) => release.tagDerived)) {
          output.warn(
            'the version is derived from tags (setuptools-scm style): no version file holds it',
          );
        }
      },
    );
}
