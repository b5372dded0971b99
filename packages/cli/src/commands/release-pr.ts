import type { Command } from 'commander';
import { SlipwayError, renderReleaseNotesMarkdown } from '@slipway/core';
import {
  CliGit,
  CliGitWorkTree,
  commitOnReleaseBranch,
  createForge,
  createPlanServiceFor,
  forgeAuthFromEnv,
  prepareRelease,
  upsertPullRequest,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { printWarnings } from './print-warnings.js';
import type { PlanningOptions } from './release-options.js';
import { planRequest, prepareOptions, withPlanningOptions } from './release-options.js';

interface ReleasePrOptions extends PlanningOptions {
  forge?: string;
  forgeApiUrl?: string;
  push?: boolean;
}

export function registerReleasePrCommand(program: Command, context: CliContext): void {
  withPlanningOptions(
    program
      .command('release-pr')
      .description(
        'keep the release commit on a release branch and open or update its pull request',
      ),
  )
    .option('--forge <forge>', 'open or update the pull/merge request on github or gitlab')
    .option(
      '--forge-api-url <url>',
      'the forge API (default: from the remote; GitHub Enterprise, self-hosted GitLab)',
    )
    .option('--push', 'push the release branch without opening a pull request')
    .action(async (options: ReleasePrOptions, command: Command) => {
      const { cwd, cache } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const forgeKind = parseForge(options.forge);
      const dateOption = prepareOptions(options);
      const git = new CliGit({ cwd });
      const planContext = await createPlanServiceFor(cwd, { cache }).plan({
        ...planRequest(options),
        keepCommits: true,
      });
      printWarnings(planContext.plan.warnings, output);
      const prepared = await prepareRelease(git, planContext, dateOption);
      if (prepared === null) {
        if (output.json) output.data({ branch: null, pullRequest: null });
        else
          output.warn(
            `nothing to release since ${planContext.plan.currentTag ?? 'the first commit'}`,
          );
        context.exitCode = ExitCode.nothingToRelease;
        return;
      }
      const { config } = planContext;
      const auth = forgeKind === null ? null : requireToken(forgeKind, context.streams.env);
      const body = renderReleaseNotesMarkdown(prepared.notes);
      const branch = await commitOnReleaseBranch(prepared);
      if (forgeKind !== null || options.push === true) {
        await new CliGitWorkTree({ cwd }).push(
          config.release.remote,
          [`refs/heads/${branch.branch}`],
          { force: true },
        );
      }
      let pullRequest = null;
      if (forgeKind !== null && auth !== null) {
        const remoteUrl =
          config.links.repositoryUrl ?? (await git.remoteUrl(config.release.remote));
        if (remoteUrl === null) {
          throw new SlipwayError('FORGE_FAILED', `remote ${config.release.remote} has no URL`, {
            hint: 'Add the remote, or set [links] repository-url.',
          });
        }
        const forge = createForge({
          kind: forgeKind,
          token: auth.token,
          tokenType: auth.tokenType,
          remoteUrl,
          ...(options.forgeApiUrl === undefined ? {} : { apiUrl: options.forgeApiUrl }),
        });
        pullRequest = await upsertPullRequest(forge, {
          head: branch.branch,
          base: branch.base,
          title: branch.title,
          body,
          labels: config.release.prLabels,
        });
      }
      const summary = {
        version: prepared.version,
        branch: branch.branch,
        base: branch.base,
        commit: branch.commit,
        title: branch.title,
        body,
        pullRequest:
          pullRequest === null
            ? null
            : {
                action: pullRequest.action,
                number: pullRequest.pullRequest.number,
                url: pullRequest.pullRequest.url,
              },
      };
      if (output.json) {
        output.data(summary);
        return;
      }
      output.line(`# ${branch.title}`);
      output.line();
      context.streams.stdout.write(body);
      output.line();
      output.line(
        `release branch ${branch.branch} at ${branch.commit.slice(0, 7)} (base ${branch.base})`,
      );
      if (summary.pullRequest !== null) {
        output.line(
          `pull request #${summary.pullRequest.number} ${summary.pullRequest.action}: ${summary.pullRequest.url}`,
        );
      }
    });
}

function parseForge(value: string | undefined): 'github' | 'gitlab' | null {
  if (value === undefined) return null;
  if (value === 'github' || value === 'gitlab') return value;
  throw new SlipwayError('USAGE', `--forge "${value}" is not one of github, gitlab`, {
    subject: '--forge',
  });
}

function requireToken(kind: 'github' | 'gitlab', env: NodeJS.ProcessEnv) {
  const auth = forgeAuthFromEnv(kind, env);
  if (auth === null) {
    throw new SlipwayError('USAGE', `--forge ${kind} needs a token in the environment`, {
      hint: kind === 'github' ? 'Set GITHUB_TOKEN or GH_TOKEN.' : 'Set GITLAB_TOKEN.',
    });
  }
  return auth;
}
