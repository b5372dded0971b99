import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { encodeMultipart, spoolMultipart } from '../../src/index.js';

afterEach(() => cleanupTempDirs());

/** The body in chunks of `size` bytes, so boundaries fall across chunk edges. */
async function* chunks(body: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

const fields: [string, string][] = [
  [':action', 'file_upload'],
  ['classifiers', 'A'],
  ['classifiers', 'B ü'],
];

describe('spoolMultipart', () => {
  it.each([1, 7, 64 * 1024])(
    'writes the content part to disk with its digests, fields kept (chunks of %i bytes)',
    async (size) => {
      const dir = makeTempDir('slipway-spool-').path;
      const data = Buffer.concat([randomBytes(3000), Buffer.from('\r\n--x\r\n'), randomBytes(10)]);
      const { body, contentType } = encodeMultipart(fields, {
        name: 'content',
        filename: 'pkg-1.0.0.tar.gz',
        data,
      });
      const form = await spoolMultipart(chunks(body, size), contentType, {
        dir,
        maxFileBytes: data.length,
      });
      expect(form.fields).toEqual(fields);
      expect(form.filename).toBe('pkg-1.0.0.tar.gz');
      expect(form.file).toMatchObject({
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        md5: createHash('md5').update(data).digest('hex'),
      });
      expect(readFileSync(form.file.path).equals(data)).toBe(true);
      await form.discard();
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('refuses a file over the limit, a second file and a truncated body, leaving nothing', async () => {
    const dir = makeTempDir('slipway-spool-').path;
    const data = randomBytes(5000);
    const file = { name: 'content', filename: 'pkg-1.0.0.tar.gz', data };
    const { body, contentType } = encodeMultipart(fields, file);
    await expect(
      spoolMultipart(chunks(body, 1000), contentType, { dir, maxFileBytes: 4999 }),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'pkg-1.0.0.tar.gz is larger than the limit of 4999 bytes',
    });
    await expect(
      spoolMultipart(chunks(body.subarray(0, body.length - 10), 1000), contentType, {
        dir,
        maxFileBytes: 10_000,
      }),
    ).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('malformed') });
    const boundary = /boundary=(.*)$/.exec(contentType)?.[1] ?? '';
    const twice = Buffer.concat([
      body.subarray(0, body.length - `--${boundary}--\r\n`.length),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="b.whl"\r\n\r\nxx\r\n--${boundary}--\r\n`,
      ),
    ]);
    await expect(
      spoolMultipart(chunks(twice, 1000), contentType, { dir, maxFileBytes: 10_000 }),
    ).rejects.toMatchObject({ message: 'send exactly one file part named content' });
    await expect(
      spoolMultipart(chunks(body, 1000), 'text/plain', { dir, maxFileBytes: 10_000 }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
