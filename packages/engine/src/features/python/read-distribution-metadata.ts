import { SlipwayError } from '@slipway/core';
import { metadataField, parseCoreMetadata } from './core-metadata.js';
import type { CoreMetadata } from './core-metadata.js';
import { parseDistributionFilename } from './distribution-filename.js';
import type { DistributionFilename } from './distribution-filename.js';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { bufferSource, listZipEntriesOf, readZipEntryOf } from './read-zip-entry.js';
import type { ByteSource } from './read-zip-entry.js';
import { readTarGzEntry } from './read-tar-gz-entry.js';

/** METADATA files are a few KiB; this bounds what a hostile archive can make us inflate. */
const maxMetadataBytes = 4 * 1024 * 1024;

export interface DistributionMetadata {
  readonly file: DistributionFilename;
  /** The METADATA / PKG-INFO bytes as stored in the archive (served as PEP 658 `.metadata`). */
  readonly raw: Buffer;
  readonly metadata: CoreMetadata;
  readonly name: string;
  readonly version: string;
  readonly requiresPython: string | null;
}

/** An archive on disk (an upload spooled while it streamed in), read piece by piece. */
export interface ArchiveFile {
  readonly path: string;
}

/**
 * The core metadata of a wheel (`<name>-<version>.dist-info/METADATA`, the only top-level
 * .dist-info directory) or an sdist (`<dir>/PKG-INFO`, one level deep). An archive that does
 * not open, or lacks the file, or whose metadata has no Name/Version, is a USAGE error.
 */
export async function readDistributionMetadata(
  filename: string,
  archive: Buffer | ArchiveFile,
): Promise<DistributionMetadata> {
  const file = parseDistributionFilename(filename);
  const raw = await withSource(archive, (source) =>
    file.kind === 'wheel' ? wheelMetadata(source) : sdistMetadata(file, source, archive),
  );
  const metadata = parseCoreMetadata(raw.toString('utf8'));
  const name = metadataField(metadata, 'Name');
  const version = metadataField(metadata, 'Version');
  if (name === undefined || name === '' || version === undefined || version === '') {
    throw new SlipwayError('USAGE', `the metadata of ${filename} has no Name or no Version`, {
      subject: filename,
    });
  }
  return {
    file,
    raw,
    metadata,
    name,
    version,
    requiresPython: metadataField(metadata, 'Requires-Python') ?? null,
  };
}

async function withSource<T>(
  archive: Buffer | ArchiveFile,
  use: (source: ByteSource) => Promise<T>,
): Promise<T> {
  if (Buffer.isBuffer(archive)) return use(bufferSource(archive));
  const handle = await open(archive.path, 'r');
  try {
    const { size } = await handle.stat();
    return await use({
      size,
      read: async (position, length) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}

async function wheelMetadata(source: ByteSource): Promise<Buffer> {
  const candidates = (await listZipEntriesOf(source)).filter((entry) =>
    /^[^/]+\.dist-info\/METADATA$/.test(entry.name),
  );
  const entry = candidates[0];
  if (entry === undefined || candidates.length > 1) {
    throw new SlipwayError(
      'USAGE',
      `not a wheel: expected exactly one .dist-info/METADATA, found ${candidates.length}`,
      { subject: 'content' },
    );
  }
  return readZipEntryOf(source, entry, maxMetadataBytes);
}

async function sdistMetadata(
  file: DistributionFilename,
  source: ByteSource,
  archive: Buffer | ArchiveFile,
): Promise<Buffer> {
  const isPkgInfo = (path: string): boolean => /^[^/]+\/PKG-INFO$/.test(path.replace(/^\.\//, ''));
  let raw: Buffer | undefined;
  if (file.filename.endsWith('.zip')) {
    const entry = (await listZipEntriesOf(source)).find((candidate) => isPkgInfo(candidate.name));
    raw = entry === undefined ? undefined : await readZipEntryOf(source, entry, maxMetadataBytes);
  } else {
    const stream = Buffer.isBuffer(archive) ? archive : createReadStream(archive.path);
    raw = await readTarGzEntry(stream, isPkgInfo, maxMetadataBytes);
  }
  if (raw === undefined) {
    throw new SlipwayError('USAGE', `not an sdist: ${file.filename} has no top-level PKG-INFO`, {
      subject: 'content',
    });
  }
  return raw;
}
