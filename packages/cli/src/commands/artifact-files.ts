import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SlipwayError } from '@slipway/core';
import type { ArtifactKind } from '@slipway/engine';

export interface ArtifactFile {
  readonly path: string;
  readonly name: string;
  readonly digest: string;
  readonly size: number;
  readonly kind: ArtifactKind;
}

/** Wheels by extension; sdists are the archives Python builds (`name-1.0.tar.gz`, `.zip`). */
export function kindOfFile(name: string): ArtifactKind {
  if (name.endsWith('.whl')) return 'wheel';
  if (/-\d[^-]*\.(tar\.gz|zip)$/.test(name)) return 'sdist';
  return 'file';
}

/** Reads a file once, streamed, for its sha256 and size. */
export async function describeArtifactFile(cwd: string, path: string): Promise<ArtifactFile> {
  const absolute = resolve(cwd, path);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (error) {
    throw new SlipwayError('USAGE', `cannot read artifact ${path}: ${(error as Error).message}`, {
      subject: path,
      cause: error,
    });
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(absolute)) hash.update(chunk as Buffer);
  const name = basename(absolute);
  return {
    path: absolute,
    name,
    digest: `sha256:${hash.digest('hex')}`,
    size,
    kind: kindOfFile(name),
  };
}
