import { SlipwayError, formatTag, renderReleaseNotesBody } from '@slipway/core';
import type { GitWorkTreePort } from '../../adapters/git/git-worktree-port.js';
import { branchRole } from './branch-role.js';
import type { AppliedFiles } from './file-transaction.js';
import { applyFileChanges } from './file-transaction.js';
import type { PreparedRelease } from './prepare-release.js';

export type ReleaseStep = 'files' | 'stage' | 'commit' | 'tag' | 'push';

export interface ReleaseRequest {
  readonly push: boolean;
  /** Progress: each step starts and ends. */
  readonly onStep?: (step: ReleaseStep, phase: 'start' | 'done') => void;
  /**
   * Called before each step (and before each file write, as step `files`); a throw fails that
   * step. The seam the failure-injection tests use to prove every step rolls back.
   */
  readonly beforeStep?: (step: ReleaseStep) => Promise<void> | void;
}

/** The `--json` summary of `slipway release`. */
export interface ReleaseResult {
  /** The first (in a single-package repository, the only) package's version and tag. */
  readonly version: string;
  readonly tag: string;
  readonly commit: string;
  readonly files: readonly string[];
  readonly pushed: boolean;
  readonly remote: string | null;
  /** Every package released by this commit. */
  readonly releases: readonly {
    readonly name: string;
    readonly version: string;
    readonly tag: string;
  }[];
}

/** Refuses, changing nothing, what must not be released. */
export async function checkReleasable(
  worktree: GitWorkTreePort,
  prepared: PreparedRelease | readonly PreparedRelease[],
): Promise<void> {
  const all = Array.isArray(prepared)
    ? (prepared as readonly PreparedRelease[])
    : [prepared as PreparedRelease];
  const [first] = all;
  if (first === undefined) return;
  const { context } = first;
  if (context.branch === null) {
    throw new SlipwayError(
      'BRANCH_NOT_ALLOWED',
      'HEAD is detached; a release is made from a branch',
      {
        hint: 'Check out the release branch (git switch main), or tag a merged release PR with --tag-only.',
      },
    );
  }
  const role = branchRole(context.branch, context.config.branches);
  if (role.kind === 'unconfigured') {
    throw new SlipwayError(
      'BRANCH_NOT_ALLOWED',
      `branch ${context.branch} is not configured to release`,
      {
        subject: context.branch,
        hint: 'Release from a branch in [branches] release, channels or maintenance, or add this one there.',
      },
    );
  }
  const dirty = await worktree.trackedChanges();
  if (dirty.length > 0) {
    const listed = dirty.slice(0, 10).map((line) => line.slice(3));
    throw new SlipwayError(
      'WORKTREE_DIRTY',
      `the work tree has uncommitted changes: ${listed.join(', ')}${dirty.length > 10 ? ', …' : ''}`,
      { hint: 'Commit or stash them first; a release commit holds only the release.' },
    );
  }
  for (const { tag } of all) {
    if (await worktree.tagExists(tag)) {
      throw new SlipwayError('TAG_EXISTS', `tag ${tag} already exists`, {
        subject: tag,
        hint: 'Each version is released once; fetch tags (git fetch --tags) and plan again.',
      });
    }
  }
}

/**
 * Version files and changelog, a release commit, an annotated tag, and optionally an atomic push
 * of branch and tag. All or nothing: when a step fails, the tag is deleted, the branch, index and
 * files are put back, and the error names the step.
 */
export async function executeRelease(
  worktree: GitWorkTreePort,
  prepared: PreparedRelease | readonly PreparedRelease[],
  request: ReleaseRequest,
): Promise<ReleaseResult> {
  const all = Array.isArray(prepared)
    ? (prepared as readonly PreparedRelease[])
    : [prepared as PreparedRelease];
  const [first] = all;
  if (first === undefined) throw new SlipwayError('NOTHING_TO_RELEASE', 'nothing to release');
  const { context } = first;
  const { config, topLevel } = context;
  const branch = context.branch ?? '';
  const changes = all.flatMap((release) => release.changes);
  const paths = changes.map((change) => change.path);
  const versions = all.map((release) =>
    all.length === 1 ? release.version : `${release.context.config.name} ${release.version}`,
  );
  let current: ReleaseStep = 'files';
  let applied: AppliedFiles | null = null;
  let committed = false;
  const tagged: string[] = [];
  const step = async <T>(name: ReleaseStep, action: () => Promise<T>): Promise<T> => {
    current = name;
    request.onStep?.(name, 'start');
    if (name !== 'files') await request.beforeStep?.(name);
    const result = await action();
    request.onStep?.(name, 'done');
    return result;
  };
  try {
    applied = await step('files', () =>
      applyFileChanges(topLevel, changes, async () => request.beforeStep?.('files')),
    );
    await step('stage', () => worktree.stage(paths));
    // One package: the configured message; several: each `name version`, in one commit.
    const message = formatTag(config.release.commitMessage, config.name, versions.join(', '));
    const commit = await step('commit', () => worktree.commit(message));
    committed = true;
    await step('tag', async () => {
      for (const release of all) {
        await worktree.createTag(
          release.tag,
          `${release.tag}\n\n${renderReleaseNotesBody(release.notes)}`,
        );
        tagged.push(release.tag);
      }
    });
    if (request.push) {
      await step('push', () =>
        worktree.push(config.release.remote, [
          `refs/heads/${branch}`,
          ...all.map((release) => `refs/tags/${release.tag}`),
        ]),
      );
    }
    return {
      version: first.version,
      tag: first.tag,
      commit,
      files: paths,
      pushed: request.push,
      remote: request.push ? config.release.remote : null,
      releases: all.map((release) => ({
        name: release.context.config.name,
        version: release.version,
        tag: release.tag,
      })),
    };
  } catch (error) {
    const undone = await undo(worktree, context.head, tagged, {
      applied,
      committed,
      staged: current !== 'files',
    });
    const reason = error instanceof Error ? error.message : String(error);
    throw new SlipwayError(
      'RELEASE_FAILED',
      `release ${versions.join(', ')} failed at step "${current}": ${reason}${undone === null ? '; the repository is as it was' : `; undoing it also failed: ${undone}`}`,
      { cause: error, subject: current },
    );
  }
}

/** Puts everything back; returns what could not be undone, or null. */
async function undo(
  worktree: GitWorkTreePort,
  head: string,
  tags: readonly string[],
  done: { applied: AppliedFiles | null; committed: boolean; staged: boolean },
): Promise<string | null> {
  const problems: string[] = [];
  const attempt = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const tag of tags) await attempt(`delete tag ${tag}`, () => worktree.deleteTag(tag));
  // The tree was clean before the release, so HEAD's state is exactly what was there.
  if (done.committed || done.staged)
    await attempt(`reset to ${head}`, () => worktree.resetHard(head));
  const applied = done.applied;
  if (applied !== null) await attempt('restore files', () => applied.restore());
  return problems.length === 0 ? null : problems.join('; ');
}
