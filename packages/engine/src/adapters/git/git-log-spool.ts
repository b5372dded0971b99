import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawCommit } from '@slipway/core';
import type { LogParser } from './git-log-iterator.js';

/** What one read takes at most: the record parser decodes this much at once (see its push). */
const READ_BYTES = 256 * 1024;
/** How long to wait for git to write more, when everything written so far is read. */
const POLL_MS = 1;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * An unlinked temporary file for a `git log` to write into, or null when none can be made (the
 * caller then reads git through a pipe). Git's stdout to node is otherwise a socket pair whose
 * buffer holds a few hundred kilobytes: while node parses a batch, git fills it in a millisecond
 * or two and then waits, and node then waits for git. Through a file git never waits, and node
 * reads behind it (ADR 0027). The file has no name once opened: nothing is left behind.
 */
export function openLogSpool(): number | null {
  let dir: string | null = null;
  let fd: number | null = null;
  try {
    dir = mkdtempSync(join(tmpdir(), 'slipway-log-'));
    const file = join(dir, 'log');
    fd = openSync(file, 'w+', 0o600);
    // Where an open file cannot lose its name (Windows), this throws and the pipe is used.
    unlinkSync(file);
    return fd;
  } catch {
    if (fd !== null) quietly(() => closeSync(fd as number));
    if (dir !== null) quietly(() => unlinkSync(join(dir as string, 'log')));
    return null;
  } finally {
    if (dir !== null) quietly(() => rmdirSync(dir as string));
  }
}

/** Tidying up after a spool that could not be made: a failure here changes nothing. */
function quietly(tidy: () => void): void {
  try {
    tidy();
  } catch {
    // Nothing to tidy, or nothing more to do: the log reads through a pipe.
  }
}

/**
 * Iterates the commits of one `git log -z` process that writes into a spool file (see
 * openLogSpool), in batches as GitLogBatches does for a pipe. Each `next()` reads what git has
 * written since, parses it and hands out the commits it completes; when it has read everything
 * git wrote so far, it waits a millisecond (or for git's exit) and reads again. Once git has
 * exited, a read that finds nothing more is the end.
 */
export class GitLogSpoolBatches implements AsyncIterableIterator<RawCommit[]> {
  private position = 0;
  private exited = false;
  private finished = false;
  private wake: (() => void) | null = null;

  /**
   * @param fd the spool git writes into; closed here when iteration ends.
   * @param finish awaits the process exit and throws if it failed or `complete` is false.
   * @param fail turns a read error into the adapter's error.
   */
  constructor(
    private readonly parser: LogParser,
    private readonly child: ChildProcess,
    private readonly fd: number,
    private readonly finish: (complete: boolean) => Promise<void>,
    private readonly fail: (error: Error) => Error,
  ) {
    const ended = (): void => {
      this.exited = true;
      const wake = this.wake;
      this.wake = null;
      wake?.();
    };
    child.once('exit', ended);
    child.once('error', ended);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<RawCommit[], undefined>> {
    const batch: RawCommit[] = [];
    while (!this.finished) {
      // Read before looking at `exited` would miss what git wrote just before it exited.
      const exitedBefore = this.exited;
      const read = this.read();
      if (read !== null) {
        this.parser.push(read, batch);
        if (batch.length > 0) return { done: false, value: batch };
        continue;
      }
      if (exitedBefore) {
        this.close();
        const complete = this.parser.finish(batch);
        await this.finish(complete);
        if (batch.length > 0) return { done: false, value: batch };
        break;
      }
      await this.moreOrExit();
    }
    return DONE;
  }

  /** Called by `for await` on `break`: git may still be writing, so stop it. */
  return(): Promise<IteratorResult<RawCommit[], undefined>> {
    if (!this.finished) {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
      this.close();
    }
    return Promise.resolve(DONE);
  }

  /** The bytes git wrote since the last read, or null when there are none yet. */
  private read(): Buffer | null {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let bytes: number;
    try {
      bytes = readSync(this.fd, buffer, 0, READ_BYTES, this.position);
    } catch (error) {
      this.return().catch(() => undefined);
      throw this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    if (bytes === 0) return null;
    this.position += bytes;
    return bytes === READ_BYTES ? buffer : buffer.subarray(0, bytes);
  }

  private moreOrExit(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, POLL_MS);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private close(): void {
    this.finished = true;
    closeSync(this.fd);
  }
}
