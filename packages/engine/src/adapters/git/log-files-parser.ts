import type { RawCommit } from '@slipway/core';

/**
 * `git log -z --name-only` with a record that starts with SOH (0x01): after the seven fields of a
 * commit come the paths it changed, NUL-terminated (the first one after a newline), until the
 * next SOH record. SOH starts no path and no SHA, so it marks each commit's beginning.
 */
export const LOG_FILES_FORMAT = '--format=%x01%H%x00%P%x00%an%x00%ae%x00%at%x00%ct%x00%B';

const NUL = 0x00;
const SOH = '\u0001';

/** Field by field over NUL-terminated tokens; slower than LogRecordParser, needed only for monorepos. */
export class LogFilesParser {
  private partial: Buffer[] = [];
  private fields: string[] = [];
  private files: string[] = [];

  push(chunk: Buffer, out: RawCommit[]): void {
    const last = chunk.lastIndexOf(NUL);
    if (last === -1) {
      this.partial.push(chunk);
      return;
    }
    this.partial.push(chunk.subarray(0, last + 1));
    const text = Buffer.concat(this.partial).toString('utf8');
    this.partial = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    let pos = 0;
    while (pos < text.length) {
      const end = text.indexOf('\0', pos);
      this.take(text.slice(pos, end), out);
      pos = end + 1;
    }
  }

  /** Emits the last commit; true when the output ended where a commit can end. */
  finish(out: RawCommit[]): boolean {
    const complete =
      this.partial.length === 0 && (this.fields.length === 0 || this.fields.length === 7);
    if (this.fields.length === 7) this.emit(out);
    return complete;
  }

  private take(token: string, out: RawCommit[]): void {
    if (token.startsWith(SOH)) {
      if (this.fields.length === 7) this.emit(out);
      this.fields = [token.slice(1)];
      return;
    }
    if (this.fields.length < 7) {
      this.fields.push(token);
      return;
    }
    const path = token.startsWith('\n') ? token.slice(1) : token;
    if (path !== '') this.files.push(path);
  }

  private emit(out: RawCommit[]): void {
    const [
      sha = '',
      parents = '',
      authorName = '',
      authorEmail = '',
      authorTime = '0',
      committerTime = '0',
      message = '',
    ] = this.fields;
    out.push({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      authorName,
      authorEmail,
      authorTime: Number(authorTime),
      committerTime: Number(committerTime),
      message: message.replace(/(?:\r?\n)+$/, ''),
      files: this.files,
    });
    this.fields = [];
    this.files = [];
  }
}
