import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobMeter, chunkBytes, digestHex, notStored } from './blob-meter.js';
import type { BlobPutOptions, BlobStore } from './blob-store.js';

/** Blobs as files: `<dir>/sha256/<first 2 hex>/<hex>`, written to a temp file and renamed. */
export class FileBlobStore implements BlobStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /**
   * The temp file lives beside its final name (same file system, so the rename is atomic) and
   * is removed on any failure: a reader never sees a partial or unverified blob.
   */
  async put(digest: string, body: Readable, options: BlobPutOptions): Promise<{ size: number }> {
    const target = this.#pathOf(digest);
    const folder = dirname(target);
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${randomUUID()}.tmp`);
    const meter = new BlobMeter(digest, options);
    const file = await open(temp, 'wx');
    let closed = false;
    try {
      for await (const chunk of body) {
        const bytes = chunkBytes(chunk);
        meter.add(bytes);
        await file.write(bytes);
      }
      meter.verify();
      await file.sync();
      await file.close();
      closed = true;
      // Same digest, same bytes: a blob that is here already stays as it is.
      if (existsSync(target)) await rm(temp, { force: true });
      else {
        await rename(temp, target);
        await syncFolder(folder);
      }
      return { size: meter.size };
    } catch (error) {
      if (!closed) await file.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
  }

  path(digest: string): string | null {
    const target = this.#pathOf(digest);
    return existsSync(target) ? target : null;
  }

  has(digest: string): Promise<boolean> {
    return Promise.resolve(this.path(digest) !== null);
  }

  open(digest: string): Readable {
    const target = this.path(digest);
    if (target === null) throw notStored(digest);
    return createReadStream(target);
  }

  #pathOf(digest: string): string {
    const hex = digestHex(digest);
    return join(this.#dir, 'sha256', hex.slice(0, 2), hex);
  }
}

/** Makes the rename durable. Best effort: some platforms cannot open a directory for fsync. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The blob is complete and renamed; only durability across a power loss is weaker.
  }
}
