import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SlipwayError } from '@slipway/core';

export interface NewFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string | Uint8Array;
}

/**
 * Writes all files or none. Each file is written to a temporary name and then moved in place:
 * hard-linked without `overwrite` (which fails rather than replace a file that appeared
 * meanwhile), renamed with it. A file that exists without `overwrite` refuses the whole set
 * before anything is written.
 */
export async function writeNewFiles(
  files: readonly NewFile[],
  options: { readonly overwrite: boolean },
): Promise<void> {
  if (!options.overwrite) {
    for (const file of files) {
      if (await exists(file.path)) {
        throw new SlipwayError('CONFLICT', `${file.path} already exists`, {
          subject: file.path,
          hint: 'Pass --force to replace it.',
        });
      }
    }
  }
  const staged: { temporary: string; target: string }[] = [];
  const placed: string[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temporary = join(
        dirname(file.path),
        `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      await writeFile(temporary, file.content);
      staged.push({ temporary, target: file.path });
    }
    for (const { temporary, target } of staged) {
      if (options.overwrite) await rename(temporary, target);
      else await link(temporary, target);
      placed.push(target);
    }
  } catch (error) {
    // Only files this call created are removed; replaced ones cannot be restored by a rename.
    if (!options.overwrite) for (const target of placed) await rm(target, { force: true });
    if (isErrno(error, 'EEXIST')) {
      throw new SlipwayError('CONFLICT', `${String(error.path ?? 'a file')} appeared meanwhile`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    for (const { temporary } of staged) await rm(temporary, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

function isErrno(error: unknown, code: string): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
