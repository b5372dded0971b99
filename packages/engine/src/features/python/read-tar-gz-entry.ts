import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SlipwayError } from '@slipway/core';

const block = 512;

/**
 * The first regular file of a gzipped tar archive whose path `wanted` accepts, read as the
 * archive streams (an sdist's PKG-INFO is near its start; the rest is never inflated).
 * ustar prefixes and pax `path` records are honoured. Undefined when no entry matches.
 */
export async function readTarGzEntry(
  archive: Buffer | Readable,
  wanted: (path: string) => boolean,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const source = Buffer.isBuffer(archive) ? Readable.from([archive]) : archive;
  const gunzip = source.pipe(createGunzip());
  // A file stream stops being read with the gunzip (destroyed when the entry is found).
  gunzip.once('close', () => source.destroy());
  let pending: Buffer = Buffer.alloc(0);
  let skip = 0;
  let paxPath: string | undefined;
  let capture: { path: string; size: number; kind: string } | undefined;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (skip > 0) {
          const dropped = Math.min(skip, pending.length);
          pending = pending.subarray(dropped);
          skip -= dropped;
          if (skip > 0) break;
        }
        if (capture !== undefined) {
          const padded = Math.ceil(capture.size / block) * block;
          if (pending.length < padded) break;
          const data = pending.subarray(0, capture.size);
          pending = pending.subarray(padded);
          const current = capture;
          capture = undefined;
          if (current.kind === 'x' || current.kind === 'g') {
            paxPath = current.kind === 'x' ? paxPathOf(data) : paxPath;
            continue;
          }
          gunzip.destroy();
          return Buffer.from(data);
        }
        if (pending.length < block) break;
        const header = pending.subarray(0, block);
        pending = pending.subarray(block);
        if (header.every((byte) => byte === 0)) return undefined;
        const size = parseOctal(header.subarray(124, 136));
        const kind = String.fromCharCode(header[156] ?? 0);
        const path = paxPath ?? headerPath(header);
        if (kind === 'x' || kind === 'g') {
          if (size > 1024 * 1024) throw notTarGz('a pax header is over 1 MiB');
          capture = { path, size, kind };
          continue;
        }
        paxPath = undefined;
        const regular = kind === '0' || kind === '\0';
        if (regular && wanted(path)) {
          if (size > maxBytes) throw notTarGz(`${path} is larger than ${maxBytes} bytes`);
          capture = { path, size, kind };
          continue;
        }
        skip = Math.ceil(size / block) * block;
      }
    }
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw notTarGz('it does not decompress', error);
  }
  return undefined;
}

function headerPath(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const prefix = header.toString('latin1', 257, 263).startsWith('ustar')
    ? cString(header.subarray(345, 500))
    : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

function paxPathOf(records: Buffer): string | undefined {
  for (const line of records.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end === -1 ? bytes.length : end);
}

function parseOctal(bytes: Buffer): number {
  const text = cString(bytes).trim();
  const value = text === '' ? 0 : Number.parseInt(text, 8);
  if (!Number.isSafeInteger(value) || value < 0) throw notTarGz('a header has an invalid size');
  return value;
}

function notTarGz(reason: string, cause?: unknown): SlipwayError {
  return new SlipwayError('USAGE', `not a valid .tar.gz archive: ${reason}`, {
    subject: 'content',
    ...(cause === undefined ? {} : { cause }),
  });
}
