import { SlipwayError, escapeRegExp, formatTag, renderReleaseNotesBody } from '@slipway/core';
import { CliGit, CliGitWorkTree, createPlanServiceFor, notesForPlan } from '@slipway/engine';
import type { Output } from '../output.js';

/**
 * `release --tag-only`: after a release pull request is merged, HEAD is its release commit
 * (`chore(release): 1.3.0`); tag exactly that commit. Nothing is written but the tag.
 */
export async function tagMergedRelease(
  cwd: string,
  options: { push: boolean; dryRun: boolean; cache: boolean },
  output: Output,
): Promise<void> {
  const planContext = await createPlanServiceFor(cwd, { cache: options.cache }).plan();
  const { config, head } = planContext;
  const header = await headHeader(new CliGit({ cwd }));
  const version = releaseVersionOf(header, config.release.commitMessage, config.name);
  if (version === null) {
    throw new SlipwayError(
      'NOTHING_TO_RELEASE',
      `HEAD (${head.slice(0, 7)}) is not a release commit ("${config.release.commitMessage}")`,
      { hint: 'Run --tag-only on the merged release commit of `slipway release-pr`.' },
    );
  }
  const tag = formatTag(config.tagFormat, config.name, version);
  const worktree = new CliGitWorkTree({ cwd: planContext.topLevel });
  if (await worktree.tagExists(tag)) {
    throw new SlipwayError('TAG_EXISTS', `tag ${tag} already exists`, { subject: tag });
  }
  const notes =
    planContext.plan.nextVersion === version
      ? await notesForPlan(new CliGit({ cwd }), planContext)
      : null;
  if (!options.dryRun) {
    await worktree.createTag(
      tag,
      notes === null ? `${tag}\n` : `${tag}\n\n${renderReleaseNotesBody(notes)}`,
    );
    if (options.push) {
      try {
        await worktree.push(config.release.remote, [`refs/tags/${tag}`]);
      } catch (error) {
        await worktree.deleteTag(tag);
        throw error;
      }
    }
  }
  const result = {
    version,
    tag,
    commit: head,
    files: [],
    pushed: options.push && !options.dryRun,
    remote: options.push ? config.release.remote : null,
    dryRun: options.dryRun,
  };
  if (output.json) output.data(result);
  else output.line(`${options.dryRun ? 'would tag' : 'tagged'} ${head.slice(0, 7)} as ${tag}`);
}

/** HEAD's subject line: the first commit `git log` gives (the walk stops there). */
async function headHeader(git: CliGit): Promise<string> {
  for await (const commit of git.log({ to: 'HEAD', exclude: [] })) {
    return commit.message.split('\n', 1)[0] ?? '';
  }
  return '';
}

/** The version in a release commit's header, per the configured commit message. */
export function releaseVersionOf(header: string, template: string, name: string): string | null {
  const pattern = template
    .split('{version}')
    .map((part) => escapeRegExp(part.replaceAll('{name}', name)))
    .join('(\\S+)');
  const match = new RegExp(`^${pattern}$`).exec(header.trim());
  return match?.[1] ?? null;
}
