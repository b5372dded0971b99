import type { RawCommit } from '@slipway/core';
import type { LogFields } from './git-port.js';

/**
 * `git log -z` with this format writes seven NUL-terminated fields per commit (the record
 * terminator is the NUL after %B), so the whole stream is one flat run of NUL-terminated fields.
 */
export const LOG_FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%ct%x00%B';
/** The planner's fields only: four per commit, about half the bytes of LOG_FORMAT. */
const PLANNING_FORMAT = '--format=%H%x00%P%x00%ct%x00%B';

export function logFormat(fields: LogFields = 'full'): string {
  return fields === 'planning' ? PLANNING_FORMAT : LOG_FORMAT;
}

// What each field of a record is, in the order the format writes them.
const SHA = 0;
const PARENTS = 1;
const AUTHOR_NAME = 2;
const AUTHOR_EMAIL = 3;
const AUTHOR_TIME = 4;
const COMMITTER_TIME = 5;
const MESSAGE = 6;
const FULL_COLUMNS = [
  SHA,
  PARENTS,
  AUTHOR_NAME,
  AUTHOR_EMAIL,
  AUTHOR_TIME,
  COMMITTER_TIME,
  MESSAGE,
];
const PLANNING_COLUMNS = [SHA, PARENTS, COMMITTER_TIME, MESSAGE];

const NUL = 0x00;
/** See push: above the 128 KB at which V8 puts a string in its large-object space. */
const DECODE_BYTES = 256 * 1024;
const LF = 10;
const CR = 13;

/** Unix seconds straight from the text, without a temporary string per number. */
function parseSeconds(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The parents field `text[start, end)`: one parent (the rule) needs no split. */
function parentsOf(text: string, start: number, end: number): string[] {
  if (end === start) return [];
  const space = text.indexOf(' ', start);
  return space === -1 || space >= end
    ? [text.slice(start, end)]
    : text.slice(start, end).split(' ');
}

/** Where a message in `text[start, end)` ends once its trailing newlines are dropped. */
function messageEnd(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === LF) {
    end -= end - 1 > start && text.charCodeAt(end - 2) === CR ? 2 : 1;
  }
  return end;
}

/** `git commit` ends messages with a newline (CRLF in some tools); drop them so every tool reads alike. */
function trimTrailingNewlines(message: string): string {
  let end = message.length;
  while (end > 0 && message.charCodeAt(end - 1) === LF) {
    end -= end > 1 && message.charCodeAt(end - 2) === CR ? 2 : 1;
  }
  return end === message.length ? message : message.slice(0, end);
}

/**
 * Incremental parser over the raw bytes of `git log -z`. Each chunk is decoded once, up to its
 * last NUL: NUL never occurs inside a UTF-8 sequence, so a character split across chunks is
 * never cut, and the bytes after the last NUL wait for the next chunk. One decode per chunk
 * (not per field) keeps the per-commit cost to string searches and slices.
 */
export class LogRecordParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  // Authors repeat across thousands of commits: one retained string each, not one per commit.
  private readonly names = new Interner();
  private field = 0;
  private sha = '';
  private parents: string[] = [];
  private authorName = '';
  private authorEmail = '';
  private authorTime = 0;
  private committerTime = 0;
  private lastName = '';
  private lastEmail = '';
  private readonly columns: readonly number[];

  /**
   * @param fields must match the format git was given (see logFormat).
   * @param decodeBytes how many bytes wait before they are decoded (see push).
   */
  constructor(
    private readonly fields: LogFields = 'full',
    private readonly decodeBytes = DECODE_BYTES,
  ) {
    this.columns = fields === 'planning' ? PLANNING_COLUMNS : FULL_COLUMNS;
  }

  /**
   * Takes one chunk, and once at least DECODE_BYTES wait, parses them and appends every commit
   * they complete to `out`. Decoding that much at once makes each decoded text a large object:
   * what the commits keep of it (SHAs, headers, descriptions are slices) is then never copied
   * by the garbage collector's young generation, which a 64 KB text would be, twice.
   */
  push(chunk: Buffer, out: RawCommit[]): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.decodeBytes) this.decode(out);
  }

  /** Parses every complete record of the bytes waiting. */
  private decode(out: RawCommit[]): void {
    const bytes =
      this.pending.length === 1
        ? (this.pending[0] as Buffer)
        : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    const last = bytes.lastIndexOf(NUL);
    if (last === -1) {
      this.keep(bytes);
      return;
    }
    // Decode through the last NUL (kept, so every field in `text` ends with one). NUL never
    // occurs inside a UTF-8 sequence, so no character is cut; the bytes after it wait.
    const text = bytes.toString('utf8', 0, last + 1);
    if (last + 1 < bytes.length) this.keep(bytes.subarray(last + 1));
    let pos = 0;
    // Finish a record that began in an earlier chunk field by field…
    while (this.field !== 0 && pos < text.length) pos = this.takeField(text, pos, out);
    // …then whole records with plain indexOf and slice: no per-chunk array, no dispatch.
    pos =
      this.fields === 'planning'
        ? this.planningRecords(text, pos, out)
        : this.fullRecords(text, pos, out);
    // The rest of the chunk: the first fields of a record that ends in a later chunk.
    while (pos < text.length) pos = this.takeField(text, pos, out);
  }

  private keep(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /** Whole planning records from `pos`; returns where the first incomplete one starts. */
  private planningRecords(text: string, pos: number, out: RawCommit[]): number {
    for (;;) {
      const e0 = text.indexOf('\0', pos);
      const e1 = e0 === -1 ? -1 : text.indexOf('\0', e0 + 1);
      const e2 = e1 === -1 ? -1 : text.indexOf('\0', e1 + 1);
      const e3 = e2 === -1 ? -1 : text.indexOf('\0', e2 + 1);
      if (e3 === -1) return pos;
      out.push({
        sha: text.slice(pos, e0),
        parents: parentsOf(text, e0 + 1, e1),
        authorName: '',
        authorEmail: '',
        authorTime: 0,
        committerTime: parseSeconds(text, e1 + 1, e2),
        message: text.slice(e2 + 1, messageEnd(text, e2 + 1, e3)),
      });
      pos = e3 + 1;
    }
  }

  /** Whole full records from `pos`; returns where the first incomplete one starts. */
  private fullRecords(text: string, pos: number, out: RawCommit[]): number {
    for (;;) {
      const e0 = text.indexOf('\0', pos);
      const e1 = e0 === -1 ? -1 : text.indexOf('\0', e0 + 1);
      const e2 = e1 === -1 ? -1 : text.indexOf('\0', e1 + 1);
      const e3 = e2 === -1 ? -1 : text.indexOf('\0', e2 + 1);
      const e4 = e3 === -1 ? -1 : text.indexOf('\0', e3 + 1);
      const e5 = e4 === -1 ? -1 : text.indexOf('\0', e4 + 1);
      const e6 = e5 === -1 ? -1 : text.indexOf('\0', e5 + 1);
      if (e6 === -1) return pos;
      out.push({
        sha: text.slice(pos, e0),
        parents: parentsOf(text, e0 + 1, e1),
        authorName: (this.lastName = this.repeated(text, e1 + 1, e2, this.lastName)),
        authorEmail: (this.lastEmail = this.repeated(text, e2 + 1, e3, this.lastEmail)),
        authorTime: parseSeconds(text, e3 + 1, e4),
        committerTime: parseSeconds(text, e4 + 1, e5),
        message: text.slice(e5 + 1, messageEnd(text, e5 + 1, e6)),
      });
      pos = e6 + 1;
    }
  }

  /**
   * The field `text[start, end)`, interned. Runs of commits by one author are the rule: the
   * previous value is compared in place, so such a commit allocates (and hashes) no string.
   */
  private repeated(text: string, start: number, end: number, previous: string): string {
    if (end - start === previous.length && text.startsWith(previous, start)) return previous;
    return this.names.intern(text.slice(start, end));
  }

  private takeField(text: string, pos: number, out: RawCommit[]): number {
    const end = text.indexOf('\0', pos);
    this.take(text.slice(pos, end), out);
    return end + 1;
  }

  /** True when the stream ended between records, as a complete `git log` output does. */
  isComplete(): boolean {
    return this.field === 0 && this.pendingBytes === 0;
  }

  /** At the end of the output: parses what still waits; says whether it ended between records. */
  finish(out: RawCommit[] = []): boolean {
    if (this.pendingBytes > 0) this.decode(out);
    return this.isComplete();
  }

  private take(value: string, out: RawCommit[]): void {
    switch (this.columns[this.field]) {
      case SHA:
        this.sha = value;
        break;
      case PARENTS:
        this.parents = value === '' ? [] : value.split(' ');
        break;
      case AUTHOR_NAME:
        this.authorName = this.names.intern(value);
        break;
      case AUTHOR_EMAIL:
        this.authorEmail = this.names.intern(value);
        break;
      case AUTHOR_TIME:
        this.authorTime = Number(value);
        break;
      case COMMITTER_TIME:
        this.committerTime = Number(value);
        break;
      default:
        out.push({
          sha: this.sha,
          parents: this.parents,
          authorName: this.authorName,
          authorEmail: this.authorEmail,
          authorTime: this.authorTime,
          committerTime: this.committerTime,
          message: trimTrailingNewlines(value),
        });
    }
    this.field = this.field === this.columns.length - 1 ? 0 : this.field + 1;
  }
}

/** Returns one instance per distinct string, up to a bound (then strings pass through). */
export class Interner {
  private readonly seen = new Map<string, string>();
  constructor(private readonly limit = 10_000) {}

  intern(value: string): string {
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    if (this.seen.size < this.limit) this.seen.set(value, value);
    return value;
  }
}
