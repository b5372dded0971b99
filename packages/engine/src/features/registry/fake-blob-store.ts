import { Readable } from 'node:stream';
import { BlobMeter, chunkBytes, digestHex, notStored } from './blob-meter.js';
import type { BlobPutOptions, BlobStore } from './blob-store.js';

/** In memory, for unit tests; verifies uploads exactly like FileBlobStore. */
export class FakeBlobStore implements BlobStore {
  readonly #blobs = new Map<string, Buffer>();

  async put(digest: string, body: Readable, options: BlobPutOptions): Promise<{ size: number }> {
    digestHex(digest);
    const meter = new BlobMeter(digest, options);
    const chunks: Buffer[] = [];
    for await (const chunk of body) {
      const bytes = chunkBytes(chunk);
      meter.add(bytes);
      chunks.push(bytes);
    }
    meter.verify();
    if (!this.#blobs.has(digest)) this.#blobs.set(digest, Buffer.concat(chunks));
    return { size: meter.size };
  }

  /** Not a real file: a marker that tells tests the bytes are here (read them with `open`). */
  path(digest: string): string | null {
    digestHex(digest);
    return this.#blobs.has(digest) ? `memory:${digest}` : null;
  }

  has(digest: string): Promise<boolean> {
    return Promise.resolve(this.path(digest) !== null);
  }

  open(digest: string): Readable {
    const bytes = this.#blobs.get(digest);
    if (bytes === undefined) throw notStored(digest);
    return Readable.from([bytes]);
  }
}
