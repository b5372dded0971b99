import { SlipwayError } from '@slipway/core';

/** A regular file in a tar archive; names are relative, `/`-separated. */
export interface TarEntry {
  readonly name: string;
  readonly content: Buffer;
}

const block = 512;

/**
 * A POSIX ustar archive of regular files, with fixed owner, mode and time so that the same files
 * give the same bytes. Evidence bundles only hold short relative names (`blobs/sha256/<hex>`).
 */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (Buffer.byteLength(entry.name) > 100) {
      throw new SlipwayError('USAGE', `tar entry name ${entry.name} is longer than 100 bytes`);
    }
    const header = Buffer.alloc(block);
    header.write(entry.name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 'ascii');
    header.write('0000000\0', 108, 'ascii');
    header.write('0000000\0', 116, 'ascii');
    header.write(`${entry.content.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
    header.write('00000000000\0', 136, 'ascii');
    header.write('        ', 148, 'ascii');
    header.write('0', 156, 'ascii');
    header.write('ustar\0', 257, 'ascii');
    header.write('00', 263, 'ascii');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    parts.push(
      header,
      entry.content,
      Buffer.alloc((block - (entry.content.length % block)) % block),
    );
  }
  parts.push(Buffer.alloc(block * 2));
  return Buffer.concat(parts);
}

/**
 * The regular files of a ustar (or GNU) archive. Refuses absolute names and `..` segments, so
 * extracting cannot write outside the target; other entry types (links, devices) are refused.
 */
export function readTar(archive: Buffer, source: string): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + block <= archive.length) {
    const header = archive.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) break;
    const name = cString(header.subarray(0, 100));
    const prefix = header.subarray(257, 263).toString('ascii').startsWith('ustar')
      ? cString(header.subarray(345, 500))
      : '';
    const fullName = prefix === '' ? name : `${prefix}/${name}`;
    const size = Number.parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0 || offset + block + size > archive.length) {
      throw new SlipwayError(
        'USAGE',
        `${source}: entry ${fullName} is truncated or has a bad size`,
        { subject: source },
      );
    }
    if (type === '5') {
      offset += block;
      continue;
    }
    if (type !== '0' && type !== '\0') {
      throw new SlipwayError('USAGE', `${source}: entry ${fullName} is not a regular file`, {
        subject: source,
      });
    }
    if (fullName.startsWith('/') || fullName.split('/').includes('..')) {
      throw new SlipwayError('USAGE', `${source}: entry ${fullName} points outside the archive`, {
        subject: source,
      });
    }
    entries.push({
      name: fullName.replace(/^\.\//, ''),
      content: Buffer.from(archive.subarray(offset + block, offset + block + size)),
    });
    offset += block + Math.ceil(size / block) * block;
  }
  return entries;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}
