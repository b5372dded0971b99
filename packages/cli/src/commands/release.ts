import type { Command } from 'commander';
import { CliGitWorkTree, checkReleasable, executeRelease, unifiedDiff } from '@slipway/engine';
import type { PreparedRelease, ReleaseStep } from '@slipway/engine';
import type { ForgeBreaking } from '@slipway/core';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { nothingToReleaseMessage, prepareAll } from './prepare-all.js';
import type { PlanningOptions } from './release-options.js';
import { withPlanningOptions } from './release-options.js';
import { tagMergedRelease } from './tag-merged-release.js';

interface ReleaseOptions extends PlanningOptions {
  push?: boolean;
  dryRun?: boolean;
  tagOnly?: boolean;
  /** `--no-forge`: plan and notes from git alone, even with a forge token. */
  forge?: boolean;
}

const stepLabels: Readonly<Record<ReleaseStep, string>> = {
  files: 'write version files and changelog',
  stage: 'stage the changes',
  commit: 'commit',
  tag: 'tag',
  push: 'push branch and tag',
};

export function registerReleaseCommand(program: Command, context: CliContext): void {
  withPlanningOptions(
    program
      .command('release')
      .description(
        'version files, changelog, a release commit and an annotated tag, all or nothing',
      ),
  )
    .option('--push', 'push the branch and the tag (atomically) to the release remote')
    .option('--dry-run', 'check and show what would be done, and change nothing')
    .option('--tag-only', 'tag HEAD when it is a merged release commit (after a release PR)')
    .option('--no-forge', 'never ask the forge: the bump and notes come from git alone')
    .action(async (options: ReleaseOptions, command: Command) => {
      const { cwd, cache } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      if (options.tagOnly === true) {
        await tagMergedRelease(
          cwd,
          { push: options.push === true, dryRun: options.dryRun === true, cache },
          output,
        );
        return;
      }
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
      const [first] = prepared;
      if (first === undefined) {
        if (output.json) output.data({ version: null });
        else output.warn(nothingToReleaseMessage(contexts));
        context.exitCode = ExitCode.nothingToRelease;
        return;
      }
      const worktree = new CliGitWorkTree({ cwd: first.context.topLevel });
      await checkReleasable(worktree, prepared);
      if (options.dryRun === true) {
        const changes = prepared.flatMap((release) => release.changes);
        const summary = {
          version: first.version,
          tag: first.tag,
          commit: null,
          files: changes.map((change) => change.path),
          pushed: false,
          remote: null,
          releases: prepared.map((release) => ({
            name: release.context.config.name,
            version: release.version,
            tag: release.tag,
          })),
          dryRun: true,
          ...forgeBreakingOf(prepared),
        };
        if (output.json) output.data(summary);
        else {
          context.streams.stdout.write(unifiedDiff(changes));
          for (const line of forgeBreakingLines(prepared)) output.line(line);
          const tags = prepared.map((release) => release.tag).join(', ');
          output.line(`would commit the release and tag ${tags}`);
        }
        return;
      }
      const progress = createProgress(context.streams, !output.json);
      const result = await executeRelease(worktree, prepared, {
        push: options.push === true,
        onStep: (step, phase) =>
          phase === 'start' ? progress.start(stepLabels[step]) : progress.done(stepLabels[step]),
      });
      if (output.json) output.data({ ...result, dryRun: false });
      else
        output.line(
          `released ${result.releases.map((release) => (result.releases.length === 1 ? release.version : `${release.name} ${release.version}`)).join(', ')}: commit ${result.commit.slice(0, 7)}, tag ${result.releases.map((release) => release.tag).join(', ')}${result.pushed ? `, pushed to ${result.remote ?? ''}` : ''}`,
        );
    });
}

/** Commits a pull request made breaking (forge enrichment on), for the dry run's JSON; else nothing. */
function forgeBreakingOf(prepared: readonly PreparedRelease[]): {
  forgeBreaking?: ForgeBreaking[];
} {
  const all = prepared.flatMap((release) => release.plan.forgeBreaking ?? []);
  return all.length === 0 ? {} : { forgeBreaking: all };
}

function forgeBreakingLines(prepared: readonly PreparedRelease[]): string[] {
  return prepared.flatMap((release) =>
    (release.plan.forgeBreaking ?? []).map(
      (entry) =>
        `commit ${entry.sha.slice(0, 7)} is breaking per pull request ${entry.pullRequest}${entry.notes.length === 0 ? '' : `: ${entry.notes.join('; ')}`} (--no-forge plans from git alone)`,
    ),
  );
}
