import type { Command } from 'commander';
import {
  CliGit,
  CliGitWorkTree,
  checkReleasable,
  createPlanServiceFor,
  executeRelease,
  prepareRelease,
  unifiedDiff,
} from '@slipway/engine';
import type { ReleaseStep } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { printWarnings } from './print-warnings.js';
import type { PlanningOptions } from './release-options.js';
import { planRequest, prepareOptions, withPlanningOptions } from './release-options.js';
import { tagMergedRelease } from './tag-merged-release.js';

interface ReleaseOptions extends PlanningOptions {
  push?: boolean;
  dryRun?: boolean;
  tagOnly?: boolean;
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
    .action(async (options: ReleaseOptions, command: Command) => {
      const { cwd, cache } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const dateOption = prepareOptions(options);
      if (options.tagOnly === true) {
        await tagMergedRelease(
          cwd,
          { push: options.push === true, dryRun: options.dryRun === true, cache },
          output,
        );
        return;
      }
      const planContext = await createPlanServiceFor(cwd, { cache }).plan(planRequest(options));
      printWarnings(planContext.plan.warnings, output);
      const prepared = await prepareRelease(new CliGit({ cwd }), planContext, dateOption);
      if (prepared === null) {
        if (output.json) output.data({ version: null });
        else
          output.warn(
            `nothing to release since ${planContext.plan.currentTag ?? 'the first commit'}`,
          );
        context.exitCode = ExitCode.nothingToRelease;
        return;
      }
      for (const note of prepared.detectionNotes) output.warn(note);
      const worktree = new CliGitWorkTree({ cwd: planContext.topLevel });
      await checkReleasable(worktree, prepared);
      if (options.dryRun === true) {
        const summary = {
          version: prepared.version,
          tag: prepared.tag,
          commit: null,
          files: prepared.changes.map((change) => change.path),
          pushed: false,
          remote: null,
          dryRun: true,
        };
        if (output.json) output.data(summary);
        else {
          context.streams.stdout.write(unifiedDiff(prepared.changes));
          output.line(
            `would commit "${planContext.config.release.commitMessage.replaceAll('{version}', prepared.version)}" and tag ${prepared.tag}`,
          );
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
          `released ${result.version}: commit ${result.commit.slice(0, 7)}, tag ${result.tag}${result.pushed ? `, pushed to ${result.remote ?? ''}` : ''}`,
        );
    });
}
