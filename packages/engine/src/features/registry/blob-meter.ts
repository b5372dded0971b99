import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/core';
import { artifactDigestPattern } from './artifact-record.js';
import type { BlobPutOptions } from './blob-store.js';

/** The hex part of a valid digest; USAGE (naming it) otherwise, so no path is built from junk. */
export function digestHex(digest: string): string {
  if (!artifactDigestPattern.test(digest)) {
    throw new SlipwayError(
      'USAGE',
      `invalid artifact digest ${JSON.stringify(digest)}: expected sha256: and 64 lower-case hex digits`,
      { subject: 'digest' },
    );
  }
  return digest.slice('sha256:'.length);
}

export function notStored(digest: string): SlipwayError {
  return new SlipwayError('NOT_FOUND', `the bytes of ${digest} are not in the blob store`, {
    subject: digest,
    hint: 'upload the artifact first',
  });
}

export function chunkBytes(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  throw new SlipwayError('USAGE', `an upload stream yields bytes, got ${typeof chunk}`);
}

/** Counts and hashes an upload as it streams, refusing it as soon as it is too long. */
export class BlobMeter {
  readonly #digest: string;
  readonly #options: BlobPutOptions;
  readonly #hash = createHash('sha256');
  #size = 0;

  constructor(digest: string, options: BlobPutOptions) {
    this.#digest = digest;
    this.#options = options;
  }

  get size(): number {
    return this.#size;
  }

  add(bytes: Buffer): void {
    this.#size += bytes.length;
    const { maxBytes, size } = this.#options;
    if (this.#size > maxBytes) {
      throw new SlipwayError(
        'TOO_LARGE',
        `upload of ${this.#digest} exceeds the limit of ${maxBytes} bytes`,
        { subject: this.#digest, hint: 'the server option for the upload limit raises it' },
      );
    }
    // Stop reading at the first byte past the registered size: these cannot be its bytes.
    if (size !== undefined && this.#size > size) {
      throw new SlipwayError(
        'DIGEST_MISMATCH',
        `upload of ${this.#digest} is longer than its registered size of ${size} bytes`,
        { subject: this.#digest },
      );
    }
    this.#hash.update(bytes);
  }

  /** After the last chunk: the bytes must hash to the digest and have the registered size. */
  verify(): void {
    const actual = `sha256:${this.#hash.digest('hex')}`;
    if (actual !== this.#digest) {
      throw new SlipwayError(
        'DIGEST_MISMATCH',
        `uploaded bytes hash to ${actual}, expected ${this.#digest}`,
        { subject: this.#digest, hint: 'upload the file the digest was computed from' },
      );
    }
    const { size } = this.#options;
    if (size !== undefined && this.#size !== size) {
      throw new SlipwayError(
        'CONFLICT',
        `${this.#digest} is ${this.#size} bytes, but it was registered with size ${size}`,
        { subject: 'size' },
      );
    }
  }
}
