import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTag } from '@slipway/core';
import { CliGitWorkTree } from '../../adapters/git/cli-git-worktree.js';
import { runGit } from '../../adapters/git/run-git.js';
import { applyFileChanges } from './file-transaction.js';
import type { PreparedRelease } from './prepare-release.js';

export interface ReleaseBranch {
  readonly branch: string;
  readonly base: string;
  readonly commit: string;
  readonly title: string;
}

/**
 * Release Please's release branch: the version-and-changelog commit on top of HEAD, on branch
 * `slipway/release-<name>`, made in a temporary worktree so the user's checkout, index and files
 * are never touched. The branch is moved only once the commit exists.
 */
export async function commitOnReleaseBranch(prepared: PreparedRelease): Promise<ReleaseBranch> {
  const { context, version } = prepared;
  const { config, topLevel } = context;
  const branch = config.release.prBranch.replaceAll('{name}', config.name);
  const title = formatTag(config.release.commitMessage, config.name, version);
  const git = { cwd: topLevel, gitBinary: 'git' };
  const directory = await mkdtemp(join(tmpdir(), 'slipway-release-'));
  const worktree = join(directory, 'tree');
  await runGit(git, ['worktree', 'add', '--quiet', '--detach', worktree, context.head]);
  try {
    await applyFileChanges(worktree, prepared.changes);
    const tree = new CliGitWorkTree({ cwd: worktree });
    await tree.stage(prepared.changes.map((change) => change.path));
    const commit = await tree.commit(title);
    await runGit(git, ['branch', '--force', '--', branch, commit]);
    return { branch, base: context.branch ?? context.head, commit, title };
  } finally {
    await runGit(git, ['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
    await runGit(git, ['worktree', 'prune']).catch(() => undefined);
  }
}
