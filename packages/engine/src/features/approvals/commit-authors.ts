import { SlipwayError } from '@slipway/core';
import { runGit } from '../../adapters/git/run-git.js';
import type { GitProcessOptions } from '../../adapters/git/run-git.js';
import type { CommitAuthor } from './approval-records.js';

const git = (cwd: string): GitProcessOptions => ({ cwd, gitBinary: 'git' });
const separator = '\u001f';
const coAuthor = /^co-authored-by:\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/gim;

/** What a release records about the people and times of its commits, from one `git log`. */
export interface ReleaseWindowFacts {
  /** Each commit's author and every `Co-authored-by:` trailer, one per e-mail, first seen first. */
  readonly authors: CommitAuthor[];
  /**
   * When the oldest commit was committed, in UTC (a release's `firstCommitTime`, where DORA lead
   * time starts): committer time, since a rebased or cherry-picked commit keeps an older author
   * time. Null for an empty range.
   */
  readonly firstCommitTime: string | null;
}

/** The authors and first commit time of the commits in `range` (`v1.2.0..HEAD`, or `HEAD`). */
export async function readReleaseWindow(cwd: string, range: string): Promise<ReleaseWindowFacts> {
  let stdout: string;
  try {
    ({ stdout } = await runGit(git(cwd), [
      'log',
      '--reverse',
      `--format=%ct${separator}%an${separator}%ae${separator}%B%x1e`,
      range,
      '--',
    ]));
  } catch (error) {
    throw new SlipwayError('GIT_FAILED', `git log ${range} failed`, {
      subject: range,
      cause: error,
    });
  }
  const authors = new Map<string, CommitAuthor>();
  const add = (name: string, email: string): void => {
    const key = email.trim().toLowerCase();
    if (key !== '' && !authors.has(key)) authors.set(key, { name: name.trim(), email: key });
  };
  let oldest: number | null = null;
  for (const record of stdout.split('\u001e')) {
    const [time = '', name = '', email = '', message = ''] = record
      .replace(/^\n/, '')
      .split(separator);
    const seconds = Number.parseInt(time, 10);
    if (Number.isFinite(seconds) && (oldest === null || seconds < oldest)) oldest = seconds;
    if (email === '') continue;
    add(name, email);
    for (const match of message.matchAll(coAuthor)) add(match[1] ?? '', match[2] ?? '');
  }
  return {
    authors: [...authors.values()],
    firstCommitTime: oldest === null ? null : new Date(oldest * 1000).toISOString(),
  };
}

/**
 * The authors of the commits in `range` (`v1.2.0..HEAD`, or `HEAD` for all): each commit's
 * author and every `Co-authored-by:` trailer, one entry per e-mail, in first-seen order.
 */
export async function readCommitAuthors(cwd: string, range: string): Promise<CommitAuthor[]> {
  return (await readReleaseWindow(cwd, range)).authors;
}

/** The tag before HEAD's commit (the previous release), or null when there is none. */
export async function previousTag(cwd: string): Promise<string | null> {
  // Exit 128 (no tag before HEAD, or no parent commit) means there is no previous release.
  const { stdout, exitCode } = await runGit(
    git(cwd),
    ['describe', '--tags', '--abbrev=0', 'HEAD^'],
    [128],
  );
  if (exitCode !== 0) return null;
  const tag = stdout.trim();
  return tag === '' ? null : tag;
}
