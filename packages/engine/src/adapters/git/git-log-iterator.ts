import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { RawCommit } from '@slipway/core';
/** What the iterator needs of a record parser. */
export interface LogParser {
  push(chunk: Buffer, out: RawCommit[]): void;
  /** At the end of the output: emits a record still pending, and says whether it ended cleanly. */
  finish(out: RawCommit[]): boolean;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Batches of commits from one running `git log`, which `return()` stops. */
export interface LogBatches extends AsyncIterableIterator<RawCommit[], undefined> {
  return(): Promise<IteratorResult<RawCommit[], undefined>>;
}

/**
 * Iterates the commits of one running `git log -z` process in batches: each `next()` parses
 * every chunk the pipe holds and hands out the commits they complete (one batch per few
 * hundred commits on a long log), and waits on the pipe only when it holds nothing.
 *
 * Batches rather than commits, for consumers that fold a long window: one promise per batch
 * instead of one per commit (100,000 awaits are a visible share of a whole `plan`).
 */
export class GitLogBatches implements AsyncIterableIterator<RawCommit[]> {
  private readonly stdout: Readable;
  private ended = false;
  private finished = false;
  private streamError: Error | null = null;
  private wake: (() => void) | null = null;

  /**
   * @param finish awaits the process exit and throws if it failed or `complete` is false.
   * @param fail turns a stream error into the adapter's error.
   */
  constructor(
    private readonly parser: LogParser,
    private readonly child: ChildProcess,
    private readonly finish: (complete: boolean) => Promise<void>,
    private readonly fail: (error: Error) => Error,
  ) {
    if (child.stdout === null) throw new Error('git log must be spawned with a stdout pipe');
    this.stdout = child.stdout;
    const signal = (): void => {
      const wake = this.wake;
      this.wake = null;
      wake?.();
    };
    this.stdout.on('readable', signal);
    // 'close' without 'end' happens when the process could not be spawned at all.
    const ended = (): void => {
      this.ended = true;
      signal();
    };
    this.stdout.on('end', ended);
    this.stdout.on('close', ended);
    this.stdout.on('error', (error: Error) => {
      this.streamError = error;
      signal();
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next non-empty batch, in git's order; done once git has exited cleanly. */
  async next(): Promise<IteratorResult<RawCommit[], undefined>> {
    const batch: RawCommit[] = [];
    while (!this.finished) {
      let chunk: Buffer | null;
      while ((chunk = this.stdout.read() as Buffer | null) !== null) {
        this.parser.push(chunk, batch);
      }
      if (batch.length > 0) return { done: false, value: batch };
      if (this.streamError !== null) {
        this.stop();
        throw this.fail(this.streamError);
      }
      if (this.ended) {
        this.finished = true;
        const complete = this.parser.finish(batch);
        await this.finish(complete);
        if (batch.length > 0) return { done: false, value: batch };
        break;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return DONE;
  }

  /** Called by `for await` on `break`: git may still be writing, so stop it. */
  return(): Promise<IteratorResult<RawCommit[], undefined>> {
    this.stop();
    return Promise.resolve(DONE);
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    this.stdout.destroy();
  }
}

/**
 * Iterates the commits of one running `git log -z` process, one at a time.
 *
 * A hand-written iterator rather than an async generator: a generator costs several promise
 * hops per `yield`, which on a 100,000-commit log is a visible share of the whole run (and
 * far more in a cold process). Here a commit already parsed is handed out with one resolved
 * promise, and the pipe is only awaited when the parsed batch is used up.
 */
export class GitLogIterator implements AsyncIterableIterator<RawCommit> {
  private batch: RawCommit[] = [];
  private index = 0;
  // Set while the pipe is awaited, so a caller that does not await each `next()` queues behind it.
  private refilling: Promise<IteratorResult<RawCommit, undefined>> | null = null;

  /** `batches`: GitLogBatches or GitLogSpoolBatches over one running `git log`. */
  constructor(private readonly batches: LogBatches) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<RawCommit, undefined>> {
    const commit = this.batch[this.index];
    if (commit !== undefined) {
      this.index += 1;
      return Promise.resolve({ done: false, value: commit });
    }
    if (this.refilling !== null) return this.refilling.then(() => this.next());
    const refilling = this.refill().finally(() => {
      this.refilling = null;
    });
    this.refilling = refilling;
    return refilling;
  }

  /** Called by `for await` on `break`: git may still be writing, so stop it. */
  return(): Promise<IteratorResult<RawCommit, undefined>> {
    this.batch = [];
    return this.batches.return().then(() => DONE);
  }

  private async refill(): Promise<IteratorResult<RawCommit, undefined>> {
    this.batch = [];
    this.index = 0;
    const next = await this.batches.next();
    if (next.done === true) return DONE;
    this.batch = next.value;
    this.index = 1;
    return { done: false, value: next.value[0] as RawCommit };
  }
}
