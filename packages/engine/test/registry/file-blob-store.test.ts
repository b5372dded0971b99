import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { FakeBlobStore, FileBlobStore } from '../../src/index.js';
import type { BlobStore } from '../../src/index.js';
import { chunked, digestOf, filesUnder } from './registry-fixtures.js';

afterEach(() => cleanupTempDirs());

const bytes = Buffer.from('the bytes of a build\n'.repeat(50));
const digest = digestOf(bytes);
const hex = digest.slice('sha256:'.length);
const limit = { maxBytes: 1024 * 1024 };

describe('FileBlobStore', () => {
  it('stores verified bytes at sha256/<2 hex>/<hex> and leaves no temp file', async () => {
    const dir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(dir);
    expect(blobs.path(digest)).toBeNull();
    expect(await blobs.put(digest, chunked(bytes), limit)).toEqual({ size: bytes.length });
    expect(filesUnder(dir)).toEqual([`sha256/${hex.slice(0, 2)}/${hex}`]);
    expect(blobs.path(digest)).toBe(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`);
    expect(readFileSync(blobs.path(digest) ?? '')).toEqual(bytes);
    expect(await blobs.has(digest)).toBe(true);
    expect(await text(blobs.open(digest))).toBe(bytes.toString());
  });

  it('refuses bytes of another digest, naming both, and keeps nothing', async () => {
    const dir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(dir);
    const other = Buffer.from('something else');
    const error = await blobs.put(digest, chunked(other), limit).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DIGEST_MISMATCH', subject: digest });
    expect((error as Error).message).toBe(
      `uploaded bytes hash to ${digestOf(other)}, expected ${digest}`,
    );
    expect(filesUnder(dir)).toEqual([]);
    expect(await blobs.has(digest)).toBe(false);
  });

  it('stops reading past maxBytes with TOO_LARGE and keeps nothing', async () => {
    const dir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(dir);
    await expect(blobs.put(digest, chunked(bytes), { maxBytes: 100 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses a size other than the registered one', async () => {
    const dir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(dir);
    await expect(
      blobs.put(digest, chunked(bytes), { ...limit, size: bytes.length - 1 }),
    ).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    await expect(
      blobs.put(digest, chunked(bytes), { ...limit, size: bytes.length + 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT', subject: 'size' });
    expect(filesUnder(dir)).toEqual([]);
  });

  it('keeps a blob that is present, still verifying the stream', async () => {
    const dir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(dir);
    await blobs.put(digest, chunked(bytes), limit);
    await blobs.put(digest, chunked(bytes), limit);
    await expect(blobs.put(digest, Readable.from([Buffer.from('x')]), limit)).rejects.toMatchObject(
      { code: 'DIGEST_MISMATCH' },
    );
    expect(filesUnder(dir)).toHaveLength(1);
    expect(readFileSync(blobs.path(digest) ?? '')).toEqual(bytes);
  });

  it('refuses a malformed digest before touching the disk', async () => {
    const dir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(dir);
    await expect(blobs.put('sha256:../../etc', chunked(bytes), limit)).rejects.toMatchObject({
      code: 'USAGE',
      subject: 'digest',
    });
    expect(() => blobs.open(digest)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(filesUnder(dir)).toEqual([]);
  });
});

describe('FakeBlobStore', () => {
  it('verifies like the file store', async () => {
    const blobs: BlobStore = new FakeBlobStore();
    await expect(
      blobs.put(digest, Readable.from([Buffer.from('nope')]), limit),
    ).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(await blobs.has(digest)).toBe(false);
    await blobs.put(digest, chunked(bytes), limit);
    expect(blobs.path(digest)).toBe(`memory:${digest}`);
    expect(await text(blobs.open(digest))).toBe(bytes.toString());
  });
});
