import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitPort } from '../../adapters/git/git-port.js';

/**
 * The commits whose parents a shallow clone did not fetch (`.git/shallow`). Reading the file is
 * cheaper than asking git, and gives the exact commits where the window would be cut.
 */
export async function readShallowBoundary(git: GitPort): Promise<ReadonlySet<string>> {
  const gitDir = await git.gitDir();
  try {
    const text = await readFile(join(gitDir, 'shallow'), 'utf8');
    return new Set(text.split('\n').filter((line) => line.length > 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}
