import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { NewArtifact } from '../../src/index.js';

export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A build output: its bytes and the registration that describes them. */
export function wheel(version: string, service = 'api'): { bytes: Buffer; input: NewArtifact } {
  const bytes = Buffer.from(`wheel of ${service} ${version}\n`.repeat(100));
  return {
    bytes,
    input: {
      digest: digestOf(bytes),
      name: `${service}-${version}-py3-none-any.whl`,
      kind: 'wheel',
      size: bytes.length,
      version,
      service,
      sourceCommit: 'a'.repeat(40),
    },
  };
}

/** Streams in small chunks, as an HTTP body arrives. */
export function chunked(bytes: Buffer, chunkSize = 256): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  }
  return Readable.from(chunks);
}

/** Every file under dir, relative, temp files included. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
