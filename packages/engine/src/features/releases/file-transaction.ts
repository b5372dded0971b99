import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/** A file's planned content: null `after` deletes it, null `before` creates it. */
export interface FileChange {
  /** Relative to the repository's top level, with `/`. */
  readonly path: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface AppliedFiles {
  /** Puts every file back as it was before `applyFileChanges`. */
  restore(): Promise<void>;
}

/**
 * Writes every change atomically (temporary file + rename, so no file is ever half-written) and
 * checks first that nothing changed on disk since `before` was read. If one write fails, the
 * files already written are restored before the error is thrown: all or nothing.
 */
export async function applyFileChanges(
  root: string,
  changes: readonly FileChange[],
  beforeEach: (change: FileChange) => Promise<void> = () => Promise.resolve(),
): Promise<AppliedFiles> {
  for (const change of changes) {
    const current = await readOptional(join(root, change.path));
    if (current !== change.before) {
      throw new Error(`${change.path} changed on disk while the release was prepared`);
    }
  }
  const done: FileChange[] = [];
  const restore = async (): Promise<void> => {
    for (const change of [...done].reverse()) await put(root, change.path, change.before);
  };
  try {
    for (const change of changes) {
      await beforeEach(change);
      await put(root, change.path, change.after);
      done.push(change);
    }
  } catch (error) {
    await restore();
    throw error;
  }
  return { restore };
}

async function put(root: string, path: string, content: string | null): Promise<void> {
  const target = join(root, path);
  if (content === null) {
    await rm(target, { force: true });
    return;
  }
  await mkdir(dirname(target), { recursive: true });
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
