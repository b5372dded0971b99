import type { Readable } from 'node:stream';

/** 2 GiB: the default bound on one upload (ARCHITECTURE: "sizes are bounded"). */
export const defaultMaxBlobBytes = 2 * 1024 ** 3;

export interface BlobPutOptions {
  /** More bytes than this are refused with TOO_LARGE, before they are all read. */
  readonly maxBytes: number;
  /** The registered size, when known: other byte counts are refused and nothing is kept. */
  readonly size?: number;
}

/**
 * Content-addressed bytes, keyed by `sha256:<hex>`. `put` keeps the bytes only when they hash to
 * the digest, so whatever the store holds under a digest is that digest's content.
 */
export interface BlobStore {
  /** Reads the whole stream; refused (TOO_LARGE, DIGEST_MISMATCH, CONFLICT) with nothing kept. */
  put(digest: string, body: Readable, options: BlobPutOptions): Promise<{ size: number }>;
  /** A local file path of the bytes, or null when they are not here. */
  path(digest: string): string | null;
  has(digest: string): Promise<boolean>;
  /** The bytes; NOT_FOUND when absent. */
  open(digest: string): Readable;
}
