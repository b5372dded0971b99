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

/**
 * The entries of a zip archive's central directory (what wheels are). Zip64 archives, which a
 * wheel needs only past 4 GiB, are refused; so is anything that does not parse as a zip.
 */
export function listZipEntries(archive: Buffer): ZipEntry[] {
  const end = findEndOfDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== directoryEntrySignature) {
      throw notZip('its central directory is damaged');
    }
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const entry: ZipEntry = {
      method: archive.readUInt16LE(offset + 10),
      compressedSize: archive.readUInt32LE(offset + 20),
      size: archive.readUInt32LE(offset + 24),
      localOffset: archive.readUInt32LE(offset + 42),
      name: archive.toString('utf8', offset + 46, offset + 46 + nameLength),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw notZip('zip64 archives are not supported');
    }
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one entry; `maxBytes` bounds what a small compressed entry may expand to. */
export function readZipEntry(archive: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) {
    throw notZip(`${entry.name} is larger than ${maxBytes} bytes`);
  }
  const header = entry.localOffset;
  if (header + 30 > archive.length || archive.readUInt32LE(header) !== localHeaderSignature) {
    throw notZip(`the local header of ${entry.name} is damaged`);
  }
  const start = header + 30 + archive.readUInt16LE(header + 26) + archive.readUInt16LE(header + 28);
  const data = archive.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw notZip(`${entry.name} is truncated`);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw notZip(`${entry.name} uses compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    throw notZip(`${entry.name} does not inflate`, error);
  }
}

function findEndOfDirectory(archive: Buffer): number {
  const lowest = Math.max(0, archive.length - maxEndSearch);
  for (let offset = archive.length - 22; offset >= lowest; offset -= 1) {
    if (archive.readUInt32LE(offset) === endOfDirectorySignature) return offset;
  }
  throw notZip('it has no end of central directory record');
}

function notZip(reason: string, cause?: unknown): SlipwayError {
  return new SlipwayError('USAGE', `not a valid zip archive: ${reason}`, {
    subject: 'content',
    ...(cause === undefined ? {} : { cause }),
  });
}
