import type { Command } from 'commander';
import type { PackagePlan } from '@slipway/core';
import { CliGit, createPlanServiceFor, forgeBreakingLookup } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { printPlanWarnings } from './print-warnings.js';
import type { PlanningOptions } from './release-options.js';
import { planSelected } from './release-options.js';

/** Reasons shown per bump level in human output; --json lists them all. */
const reasonsShown = 15;

export interface PlanCommandOptions extends PlanningOptions {
  /** `--no-forge`: the bump from git alone, even with a forge token. */
  forge?: boolean;
}

export function registerPlanCommand(program: Command, context: CliContext): void {
  program
    .command('plan')
    .description('show the next version, the bump and the commits that caused it')
    .option('--package <name>', 'only this package of a monorepo ([packages.<name>] key or name)')
    .option('--prerelease <id>', 'plan a pre-release with this identifier (rc, beta, alpha)')
    .option('--first-parent', 'follow only the first parent of merge commits')
    .option('--no-forge', "never ask the forge: a pull request's breaking change does not count")
    .action(async (options: PlanCommandOptions, command: Command) => {
      const { cwd, cache } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const service = createPlanServiceFor(cwd, { cache });
      // With a forge token a squash-merged pull request's BREAKING CHANGE counts in the bump.
      const forgeBreaking =
        options.forge === false
          ? null
          : forgeBreakingLookup(new CliGit({ cwd }), context.streams.env);
      const plans = (
        await planSelected(service, options, forgeBreaking === null ? {} : { forgeBreaking })
      ).map((entry) => entry.plan);
      if (output.json) output.data({ packages: plans });
      else plans.forEach((plan) => printPlan(plan, output));
      printPlanWarnings(plans, output);
      context.exitCode = plans.some((plan) => plan.nextVersion !== null)
        ? ExitCode.success
        : ExitCode.nothingToRelease;
    });
}

export function printPlan(plan: PackagePlan, output: Output): void {
  const { style } = output;
  const current = plan.currentVersion ?? 'none';
  const since = plan.currentTag === null ? 'in all history' : `since ${plan.currentTag}`;
  if (plan.nextVersion === null) {
    output.line(`${style.bold(plan.name)} ${current}: nothing to release`);
    output.line(`  ${plan.commits} commit${plural(plan.commits)} ${since}, none releasable`);
    return;
  }
  const bump = plan.releaseAs === null ? (plan.bump ?? '') : `Release-As`;
  output.line(
    `${style.bold(plan.name)} ${current} → ${style.green(style.bold(plan.nextVersion))} (${bump})`,
  );
  output.line(`  scheme:  ${plan.scheme}`);
  output.line(`  tag:     ${plan.nextTag ?? ''}`);
  output.line(`  commits: ${plan.commits} ${since}`);
  if (plan.cancelledReverts > 0) {
    output.line(`  reverts: ${plan.cancelledReverts} cancelled with the commit they revert`);
  }
  for (const reason of plan.reasons) {
    output.line(`  ${style.cyan(reason.bump)} (${reason.commits.length}):`);
    for (const commit of reason.commits.slice(0, reasonsShown)) {
      const scope = commit.scope === null ? '' : `(${commit.scope})`;
      const bang = commit.breaking ? '!' : '';
      const from =
        commit.breakingFrom === undefined
          ? ''
          : style.dim(` (breaking per pull request ${commit.breakingFrom})`);
      output.line(
        `    ${style.dim(commit.sha.slice(0, 7))} ${commit.type}${scope}${bang}: ${commit.description}${from}`,
      );
    }
    const more = reason.commits.length - reasonsShown;
    if (more > 0) output.line(style.dim(`    … and ${more} more (--json lists all)`));
  }
  for (const entry of plan.forgeBreaking ?? []) {
    const why =
      entry.notes.length === 0 ? 'its title' : `BREAKING CHANGE: ${entry.notes.join('; ')}`;
    output.line(
      `  forge:   ${entry.pullRequest} makes ${entry.sha.slice(0, 7)} breaking (${why}); --no-forge plans from git alone`,
    );
  }
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}
