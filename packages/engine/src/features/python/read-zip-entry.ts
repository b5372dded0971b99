import { inflateRawSync } from 'node:zlib';
import { SlipwayError } from '@slipway/core';

const endOfDirectorySignature = 0x06054b50;
const directoryEntrySignature = 0x02014b50;
const localHeaderSignature = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const maxEndSearch = 22 + 0xffff;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Random access to an archive's bytes: a buffer, or a file read piece by piece. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: (offset, length) => Promise.resolve(buffer.subarray(offset, offset + length)),
  };
}

/** The central directory of a wheel is small; this bounds what a hostile one makes us read. */
const maxDirectoryBytes = 16 * 1024 * 1024;

/**
 * The entries of a zip archive's central directory (what wheels are). Zip64 archives, which a
 * wheel needs only past 4 GiB, are refused; so is anything that does not parse as a zip.
 */
export function listZipEntries(archive: Buffer): ZipEntry[] {
  const { count, size, offset } = directoryBounds(archive);
  if (offset + size > archive.length) throw notZip('its central directory is damaged');
  return parseDirectory(archive.subarray(offset, offset + size), count);
}

/** As listZipEntries, reading only the end of the archive and its central directory. */
export async function listZipEntriesOf(source: ByteSource): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, source.size - maxEndSearch);
  const tail = await source.read(tailStart, source.size - tailStart);
  const { count, size, offset } = directoryBounds(tail);
  if (offset + size > source.size || size > maxDirectoryBytes) {
    throw notZip('its central directory is damaged');
  }
  return parseDirectory(await source.read(offset, size), count);
}

/** The bytes of one entry; `maxBytes` bounds what a small compressed entry may expand to. */
export function readZipEntry(archive: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  checkEntrySize(entry, maxBytes);
  const header = archive.subarray(entry.localOffset, entry.localOffset + 30);
  const start = entry.localOffset + dataOffset(header, entry);
  return decodeEntry(archive.subarray(start, start + entry.compressedSize), entry, maxBytes);
}

/** As readZipEntry, reading only the entry's local header and data. */
export async function readZipEntryOf(
  source: ByteSource,
  entry: ZipEntry,
  maxBytes: number,
): Promise<Buffer> {
  checkEntrySize(entry, maxBytes);
  const header = await source.read(entry.localOffset, 30);
  const start = entry.localOffset + dataOffset(header, entry);
  return decodeEntry(await source.read(start, entry.compressedSize), entry, maxBytes);
}

function parseDirectory(directory: Buffer, count: number): ZipEntry[] {
  let offset = 0;
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (
      offset + 46 > directory.length ||
      directory.readUInt32LE(offset) !== directoryEntrySignature
    ) {
      throw notZip('its central directory is damaged');
    }
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    const entry: ZipEntry = {
      method: directory.readUInt16LE(offset + 10),
      compressedSize: directory.readUInt32LE(offset + 20),
      size: directory.readUInt32LE(offset + 24),
      localOffset: directory.readUInt32LE(offset + 42),
      name: directory.toString('utf8', offset + 46, offset + 46 + nameLength),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw notZip('zip64 archives are not supported');
    }
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function checkEntrySize(entry: ZipEntry, maxBytes: number): void {
  if (entry.size > maxBytes || entry.compressedSize > maxBytes) {
    throw notZip(`${entry.name} is larger than ${maxBytes} bytes`);
  }
}

/** Where the entry's data starts, after its local header (30 bytes, name and extra field). */
function dataOffset(header: Buffer, entry: ZipEntry): number {
  if (header.length < 30 || header.readUInt32LE(0) !== localHeaderSignature) {
    throw notZip(`the local header of ${entry.name} is damaged`);
  }
  return 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

function decodeEntry(data: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (data.length !== entry.compressedSize) throw notZip(`${entry.name} is truncated`);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw notZip(`${entry.name} uses compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    throw notZip(`${entry.name} does not inflate`, error);
  }
}

/** The end record's entry count, and the central directory's size and offset in the archive. */
function directoryBounds(tail: Buffer): { count: number; size: number; offset: number } {
  const lowest = Math.max(0, tail.length - maxEndSearch);
  for (let end = tail.length - 22; end >= lowest; end -= 1) {
    if (tail.readUInt32LE(end) === endOfDirectorySignature) {
      return {
        count: tail.readUInt16LE(end + 10),
        size: tail.readUInt32LE(end + 12),
        offset: tail.readUInt32LE(end + 16),
      };
    }
  }
  throw notZip('it has no end of central directory record');
}

function notZip(reason: string, cause?: unknown): SlipwayError {
  return new SlipwayError('USAGE', `not a valid zip archive: ${reason}`, {
    subject: 'content',
    ...(cause === undefined ? {} : { cause }),
  });
}
