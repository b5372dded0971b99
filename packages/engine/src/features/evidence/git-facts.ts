import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { SlipwayError } from '@slipway/core';
import { gitEnv } from '../../adapters/git/run-git.js';

/** What provenance and SBOM timestamps need from the work tree's repository. */
export interface GitFacts {
  readonly commit: string;
  /** Committer time of HEAD, seconds since the epoch. */
  readonly commitTime: number;
  /** `refs/heads/<branch>`, or `refs/tags/<tag>` pointing at HEAD, or the commit on a detached head. */
  readonly ref: string;
  /** `origin` as an `https://` URL when it can be written as one, else as configured; null without remote. */
  readonly repository: string | null;
  /** The work tree's top directory, as a `file://` URL: the source of a repository without a remote. */
  readonly localUrl: string;
}

function git(cwd: string, args: readonly string[]): string | null {
  const result = spawnSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Null when `cwd` is not inside a git repository with a commit. */
export function readGitFacts(cwd: string): GitFacts | null {
  const line = git(cwd, ['log', '-1', '--format=%H %ct']);
  if (line === null || line === '') return null;
  const [commit = '', time = '0'] = line.split(' ');
  const branch = git(cwd, ['symbolic-ref', '-q', 'HEAD']);
  const tag = branch === null ? git(cwd, ['describe', '--tags', '--exact-match', 'HEAD']) : null;
  const remote = git(cwd, ['remote', 'get-url', 'origin']);
  const topLevel = git(cwd, ['rev-parse', '--show-toplevel']) ?? cwd;
  return {
    localUrl: pathToFileURL(topLevel).href,
    commit,
    commitTime: Number(time),
    ref: branch ?? (tag === null || tag === '' ? commit : `refs/tags/${tag}`),
    repository: remote === null || remote === '' ? null : canonicalRepositoryUrl(remote),
  };
}

/** `git@github.com:o/r.git` and `https://github.com/o/r.git` are the same source: `https://github.com/o/r`. */
export function canonicalRepositoryUrl(remote: string): string {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(remote);
  const url = scp === null ? remote : `https://${scp[1]}/${scp[2]}`;
  return url
    .replace(/^(ssh|git):\/\/(?:[^@/]+@)?/, 'https://')
    .replace(/^https?:\/\/[^@/]+@/, 'https://')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
}

/**
 * SBOM and provenance timestamps: `SOURCE_DATE_EPOCH` when set (reproducible-builds.org),
 * else HEAD's commit time. Never the wall clock, which would make two runs differ.
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv, git: GitFacts | null): number {
  const fromEnv = env['SOURCE_DATE_EPOCH'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    if (!/^\d+$/.test(fromEnv.trim())) {
      throw new SlipwayError(
        'USAGE',
        `SOURCE_DATE_EPOCH=${fromEnv} is not whole seconds since 1970`,
        {
          subject: 'SOURCE_DATE_EPOCH',
        },
      );
    }
    return Number(fromEnv.trim());
  }
  if (git !== null) return git.commitTime;
  throw new SlipwayError(
    'USAGE',
    'no timestamp for the SBOM: not a git repository and SOURCE_DATE_EPOCH is not set',
    {
      hint: "set SOURCE_DATE_EPOCH (seconds since 1970) or run inside the project's git repository",
    },
  );
}
