import { SlipwayError, type RawCommit } from '@slipway/core';
import type { GitPort, HeadState, LogQuery, RepositoryState, TagRef } from './git-port.js';
import { GitLogBatches, GitLogIterator, type LogBatches } from './git-log-iterator.js';
import { GitLogSpoolBatches, openLogSpool } from './git-log-spool.js';
import { LOG_FILES_FORMAT, LogFilesParser } from './log-files-parser.js';
import { LogRecordParser, logFormat } from './log-record-parser.js';
import {
  collectStderr,
  gitFailure,
  runGit,
  spawnGit,
  waitForExit,
  type GitProcessOptions,
} from './run-git.js';

export interface CliGitOptions {
  /** Any directory inside the work tree. */
  readonly cwd: string;
  /** `git` on PATH by default. */
  readonly gitBinary?: string;
}

// Peeled and unpeeled object names and types: one for-each-ref answers lightweight and
// annotated tags alike, and lets tags of trees or blobs be skipped.
const TAG_FORMAT =
  '--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)';

/** Revisions go to git as arguments; one that looks like an option is refused, never passed. */
function checkRevision(rev: string): string {
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) {
    throw new SlipwayError('USAGE', `invalid git revision: ${JSON.stringify(rev)}`, {
      subject: rev,
    });
  }
  return rev;
}

function parseTags(stdout: string): TagRef[] {
  const tags: TagRef[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [ref = '', type, sha = '', peeledType, peeledSha = ''] = line.split('\0');
    const name = ref.slice('refs/tags/'.length);
    if (type === 'commit') tags.push({ name, commit: sha });
    else if (type === 'tag' && peeledType === 'commit') tags.push({ name, commit: peeledSha });
    // A tag of a tree or blob (or of another tag) names no commit a release could start from.
  }
  return tags;
}

/** The git port over the git command line: one process per query, output streamed. */
export class CliGit implements GitPort {
  private readonly options: GitProcessOptions;

  constructor(options: CliGitOptions) {
    this.options = { cwd: options.cwd, gitBinary: options.gitBinary ?? 'git' };
  }

  async topLevel(): Promise<string> {
    return (await this.revParse(['--show-toplevel'])).trim();
  }

  async gitDir(): Promise<string> {
    return (await this.revParse(['--absolute-git-dir'])).trim();
  }

  async isShallow(): Promise<boolean> {
    return (await this.revParse(['--is-shallow-repository'])).trim() === 'true';
  }

  async head(): Promise<HeadState> {
    // `--symbolic-full-name` applies to the arguments after it: one process gives the SHA and
    // the branch ref (or plain `HEAD` when detached). Only an unborn HEAD needs a second look.
    const args = ['rev-parse', 'HEAD', '--symbolic-full-name', 'HEAD'];
    const result = await runGit(this.options, args, [128]);
    if (result.exitCode === 0) {
      const [sha = '', ref = ''] = result.stdout.split('\n');
      return {
        sha,
        branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null,
      };
    }
    const symbolic = await runGit(this.options, ['symbolic-ref', '-q', 'HEAD'], [1]);
    const ref = symbolic.stdout.trim();
    if (symbolic.exitCode !== 0 || ref === '') {
      throw gitFailure(this.options, args, 'HEAD names no commit and no branch');
    }
    return { sha: null, branch: ref.replace(/^refs\/heads\//, '') };
  }

  async repository(): Promise<RepositoryState> {
    const paths = ['--show-toplevel', '--absolute-git-dir', '--is-shallow-repository'];
    const result = await runGit(
      this.options,
      ['rev-parse', ...paths, 'HEAD', '--symbolic-full-name', 'HEAD'],
      [128],
    );
    if (result.exitCode === 0) {
      const [topLevel = '', gitDir = '', shallow = '', sha = '', ref = ''] =
        result.stdout.split('\n');
      return {
        topLevel,
        gitDir,
        shallow: shallow === 'true',
        head: {
          sha,
          branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null,
        },
      };
    }
    // Not a repository (revParse names the directory) or an unborn HEAD (head() answers).
    const [topLevel = '', gitDir = '', shallow = ''] = (await this.revParse(paths)).split('\n');
    return { topLevel, gitDir, shallow: shallow === 'true', head: await this.head() };
  }

  async tags(): Promise<TagRef[]> {
    const result = await runGit(this.options, ['for-each-ref', TAG_FORMAT, 'refs/tags']);
    return parseTags(result.stdout);
  }

  async tagsMergedInto(rev: string): Promise<TagRef[]> {
    const args = ['for-each-ref', `--merged=${checkRevision(rev)}`, TAG_FORMAT, 'refs/tags'];
    return parseTags((await runGit(this.options, args)).stdout);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const args = [
      'merge-base',
      '--is-ancestor',
      checkRevision(ancestor),
      checkRevision(descendant),
    ];
    const result = await runGit(this.options, args, [1, 128]);
    if (result.exitCode !== 128) return result.exitCode === 0;
    // 128 is also how git reports a broken or missing repository; only an unknown commit is a "no".
    if (/not a valid (commit|object) name|bad object|unknown revision/i.test(result.stderr)) {
      return false;
    }
    throw gitFailure(this.options, args, `exit 128: ${result.stderr || '(no output)'}`);
  }

  async mergeBase(revs: readonly string[]): Promise<string | null> {
    if (revs.length === 0) return null;
    if (revs.length === 1) return revs[0] ?? null;
    const args = ['merge-base', '--octopus', ...revs.map(checkRevision)];
    const result = await runGit(this.options, args, [1]);
    const sha = result.stdout.trim();
    return result.exitCode === 0 && sha !== '' ? sha : null;
  }

  async remoteUrl(name = 'origin'): Promise<string | null> {
    const result = await runGit(this.options, ['config', '--get', `remote.${name}.url`], [1]);
    const url = result.stdout.trim();
    return result.exitCode === 0 && url !== '' ? url : null;
  }

  log(query: LogQuery): AsyncIterable<RawCommit> {
    return {
      [Symbol.asyncIterator]: () => new GitLogIterator(this.startLog(query)),
    };
  }

  logBatches(query: LogQuery): AsyncIterable<readonly RawCommit[]> {
    return { [Symbol.asyncIterator]: () => this.startLog(query) };
  }

  /**
   * Spawns git only when iteration starts, so an unused `log()` result costs nothing. Git
   * writes into a spool file that is read behind it (ADR 0027), or through a pipe when no
   * spool can be made.
   */
  private startLog(query: LogQuery): LogBatches {
    const args = [
      'log',
      '-z',
      query.withFiles === true ? LOG_FILES_FORMAT : logFormat(query.fields),
      ...(query.withFiles === true ? ['--name-only'] : []),
      '--encoding=UTF-8',
      '--no-show-signature',
      '--no-color',
      ...(query.firstParent === true ? ['--first-parent'] : []),
      '--end-of-options',
      checkRevision(query.to),
      ...query.exclude.map((rev) => `^${checkRevision(rev)}`),
      '--',
      ...(query.paths ?? []),
    ];
    // On a pipe git flushes after every commit unless told otherwise; full buffering cuts the
    // writes (and our reads) by two orders of magnitude on long logs.
    const spool = openLogSpool();
    const child = spawnGit(this.options, args, { GIT_FLUSH: '0' }, spool ?? 'pipe');
    const stderr = collectStderr(child);
    const exited = waitForExit(child);
    // A spawn failure is reported by `finish`; until then it must not be an unhandled rejection.
    exited.catch(() => undefined);
    const finish = async (complete: boolean): Promise<void> => {
      let exitCode: number;
      try {
        exitCode = await exited;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw gitFailure(this.options, args, message, error);
      }
      if (exitCode !== 0) {
        throw gitFailure(this.options, args, `exit ${exitCode}: ${stderr() || '(no output)'}`);
      }
      if (!complete) throw gitFailure(this.options, args, 'output ended inside a commit record');
    };
    const fail = (error: Error): Error => gitFailure(this.options, args, error.message, error);
    const parser =
      query.withFiles === true ? new LogFilesParser() : new LogRecordParser(query.fields);
    return spool === null
      ? new GitLogBatches(parser, child, finish, fail)
      : new GitLogSpoolBatches(parser, child, spool, finish, fail);
  }

  private async revParse(flags: readonly string[]): Promise<string> {
    return (await runGit(this.options, ['rev-parse', ...flags])).stdout;
  }

  async countCommits(to: string, exclude: string | null): Promise<number> {
    const range = [checkRevision(to), ...(exclude === null ? [] : [`^${checkRevision(exclude)}`])];
    const args = ['rev-list', '--count', ...range, '--'];
    const result = await runGit(this.options, args);
    const count = Number.parseInt(result.stdout.trim(), 10);
    if (Number.isNaN(count)) {
      throw gitFailure(this.options, args, `unexpected output: ${result.stdout}`);
    }
    return count;
  }

  async isDirty(): Promise<boolean> {
    // Untracked files do not make a tree dirty (setuptools-scm asks git the same way).
    const args = ['status', '--porcelain', '--untracked-files=no'];
    return (await runGit(this.options, args)).stdout.trim() !== '';
  }

  async shortSha(rev: string): Promise<string> {
    const args = ['rev-parse', '--short', '--verify', '--end-of-options'];
    args.push(`${checkRevision(rev)}^{commit}`);
    return (await runGit(this.options, args)).stdout.trim();
  }
}
