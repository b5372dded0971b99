import { spawnSync } from 'node:child_process';
import type { InTotoStatement, RawCommit, StatementSubject } from '@slipway/core';
import {
  SlipwayError,
  changeRecordPredicate,
  changeRecordPredicateType,
  inTotoStatement,
  parseCommit,
} from '@slipway/core';
import { gitEnv } from '../../adapters/git/run-git.js';

export interface ChangeRecordRequest {
  readonly cwd: string;
  readonly service: string;
  readonly version: string;
  /** The previous release's tag or commit; null: every commit up to HEAD. */
  readonly since: string | null;
  readonly previousVersion: string | null;
}

const fieldSeparator = '\u001f';
const recordSeparator = '\u001e';

/** The change record of `since..HEAD`, oldest commit first, as a statement about the subjects. */
export function changeRecordStatement(
  request: ChangeRecordRequest,
  subjects: readonly StatementSubject[],
): InTotoStatement {
  const range = request.since === null ? 'HEAD' : `${request.since}..HEAD`;
  const format =
    ['%H', '%P', '%an', '%ae', '%at', '%ct', '%B'].join(fieldSeparator) + recordSeparator;
  const result = spawnSync('git', ['log', '--reverse', `--format=${format}`, range, '--'], {
    cwd: request.cwd,
    env: gitEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new SlipwayError('GIT_FAILED', `git log ${range} failed: ${result.stderr.trim()}`, {
      subject: range,
    });
  }
  const commits = result.stdout
    .split(recordSeparator)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record !== '')
    .map((record) => {
      const [
        sha = '',
        parents = '',
        name = '',
        email = '',
        authorTime = '0',
        committerTime = '0',
        message = '',
      ] = record.split(fieldSeparator);
      const raw: RawCommit = {
        sha,
        parents: parents === '' ? [] : parents.split(' '),
        authorName: name,
        authorEmail: email,
        authorTime: Number(authorTime),
        committerTime: Number(committerTime),
        message: message.trimEnd(),
      };
      return parseCommit(raw);
    });
  const predicate = changeRecordPredicate({
    service: request.service,
    version: request.version,
    previousVersion: request.previousVersion,
    commits,
  });
  return inTotoStatement(subjects, changeRecordPredicateType, predicate);
}
