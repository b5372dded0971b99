import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { SlipwayError } from '@slipway/core';
import { formDataParameter, malformedMultipart, multipartBoundary } from './multipart-form.js';

/** The file part of an upload, written to disk as it arrived, with its digests. */
export interface SpooledFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly md5: string;
}

/** A legacy-API upload read off the wire: its text fields and the spooled `content` part. */
export interface SpooledForm {
  readonly fields: readonly (readonly [string, string])[];
  readonly filename: string;
  readonly file: SpooledFile;
  /** Removes the spooled file; safe to call more than once. */
  discard(): Promise<void>;
}

export interface SpoolOptions {
  /** Where the file part is written (the same file system as the blob store, ideally). */
  readonly dir: string;
  /** Largest file part; past it the upload fails with TOO_LARGE and nothing stays on disk. */
  readonly maxFileBytes: number;
  /** Bound of all text fields together. */
  readonly maxFieldBytes?: number;
}

const maxHeaderBytes = 16 * 1024;

/**
 * Reads `multipart/form-data` (RFC 7578) as it streams: text fields are kept (bounded), the one
 * file part named `content` goes to a file in `dir` while sha256 and md5 are computed, so an
 * upload never sits in memory. Anything malformed, a second file, or a file past the limit
 * fails with nothing left on disk.
 */
export async function spoolMultipart(
  body: AsyncIterable<Buffer>,
  contentType: string | undefined,
  options: SpoolOptions,
): Promise<SpooledForm> {
  const delimiter = Buffer.from(`\r\n--${multipartBoundary(contentType)}`);
  const keep = delimiter.length - 1;
  const maxFieldBytes = options.maxFieldBytes ?? 1024 * 1024;
  const path = join(options.dir, `.upload-${randomUUID()}`);
  const discard = () => rm(path, { force: true });
  const fields: [string, string][] = [];
  let fieldBytes = 0;
  let state: 'preamble' | 'delimiter' | 'headers' | 'body' | 'done' = 'preamble';
  let part: { name: string; filename: string | undefined; chunks: Buffer[] } | undefined;
  let file: { filename: string; out: WriteStream; size: number } | undefined;
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  // The body as if it began with a line break, so the first boundary line is a delimiter too.
  let pending: Buffer = Buffer.from('\r\n');

  const emit = async (data: Buffer): Promise<void> => {
    if (data.length === 0 || part === undefined) return;
    if (file !== undefined && part.filename !== undefined) {
      file.size += data.length;
      if (file.size > options.maxFileBytes) {
        throw new SlipwayError(
          'TOO_LARGE',
          `${file.filename} is larger than the limit of ${options.maxFileBytes} bytes`,
          { subject: 'content' },
        );
      }
      sha256.update(data);
      md5.update(data);
      if (!file.out.write(data)) await once(file.out, 'drain');
      return;
    }
    fieldBytes += data.length;
    if (fieldBytes > maxFieldBytes)
      throw malformedMultipart(`the form fields pass ${maxFieldBytes} bytes`);
    part.chunks.push(Buffer.from(data));
  };

  const startPart = (headers: string): void => {
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
    const name = formDataParameter(disposition, 'name');
    if (name === undefined) throw malformedMultipart('a part has no name');
    const filename = formDataParameter(disposition, 'filename');
    part = { name, filename, chunks: [] };
    if (filename === undefined) return;
    if (name !== 'content' || file !== undefined) {
      throw new SlipwayError('USAGE', 'send exactly one file part named content', {
        subject: 'content',
      });
    }
    file = { filename, out: createWriteStream(path, { flags: 'wx' }), size: 0 };
  };

  const endPart = (): void => {
    if (part !== undefined && part.filename === undefined) {
      fields.push([part.name, Buffer.concat(part.chunks).toString('utf8')]);
    }
    part = undefined;
  };

  // Read through a function: the loop below cannot see that advance() changes it.
  const done = (): boolean => state === 'done';

  const advance = async (): Promise<boolean> => {
    switch (state) {
      case 'preamble':
      case 'body': {
        const at = pending.indexOf(delimiter);
        if (at === -1) {
          const safe = Math.max(0, pending.length - keep);
          if (state === 'body') await emit(pending.subarray(0, safe));
          pending = pending.subarray(safe);
          return false;
        }
        if (state === 'body') {
          await emit(pending.subarray(0, at));
          endPart();
        }
        pending = pending.subarray(at + delimiter.length);
        state = 'delimiter';
        return true;
      }
      case 'delimiter': {
        if (pending.length < 2) return false;
        const next = pending.toString('latin1', 0, 2);
        if (next === '--') {
          state = 'done';
          return false;
        }
        if (next !== '\r\n')
          throw malformedMultipart('a boundary line is not followed by a line break');
        pending = pending.subarray(2);
        state = 'headers';
        return true;
      }
      case 'headers': {
        const end = pending.indexOf('\r\n\r\n');
        if (end === -1) {
          if (pending.length > maxHeaderBytes)
            throw malformedMultipart('a part has too long headers');
          return false;
        }
        startPart(pending.toString('utf8', 0, end));
        pending = pending.subarray(end + 4);
        state = 'body';
        return true;
      }
      case 'done':
        return false;
    }
  };

  try {
    for await (const chunk of body) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (await advance());
      if (done()) break;
    }
    if (!done()) throw malformedMultipart('the body ends before the closing boundary');
    const written = file;
    if (written === undefined) {
      throw new SlipwayError('USAGE', 'send exactly one file part named content', {
        subject: 'content',
      });
    }
    written.out.end();
    await once(written.out, 'close');
    return {
      fields,
      filename: written.filename,
      file: {
        path,
        size: written.size,
        sha256: sha256.digest('hex'),
        md5: md5.digest('hex'),
      },
      discard,
    };
  } catch (error) {
    const open = file?.out;
    if (open !== undefined && !open.closed) {
      open.destroy();
      await once(open, 'close').catch(() => undefined);
    }
    await discard();
    throw error;
  }
}
