import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SlipwayError } from '@slipway/core';
import { gitEnv } from '../../adapters/git/run-git.js';

const run = promisify(execFile);

/**
 * When the oldest commit in `range` (`v1.2.0..HEAD`, or `HEAD` for all) was committed, in UTC:
 * a release's `firstCommitTime`, where DORA lead time for changes starts. The committer time,
 * not the author time: lead time counts from when a change entered the history that is released
 * (a rebased or cherry-picked commit keeps an older author time). Null for an empty range.
 */
export async function oldestCommitTime(cwd: string, range: string): Promise<string | null> {
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['log', '--format=%ct', range, '--'], {
      cwd,
      env: gitEnv(),
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    throw new SlipwayError('GIT_FAILED', `git log ${range} failed`, {
      subject: range,
      cause: error,
    });
  }
  let oldest: number | null = null;
  for (const line of stdout.split('\n')) {
    const seconds = Number.parseInt(line, 10);
    if (Number.isFinite(seconds) && (oldest === null || seconds < oldest)) oldest = seconds;
  }
  return oldest === null ? null : new Date(oldest * 1000).toISOString();
}
