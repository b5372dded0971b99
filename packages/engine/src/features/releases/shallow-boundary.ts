import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The commits whose parents a shallow clone did not fetch (`.git/shallow`): exactly where a
 * window would be cut. Empty for a full clone.
 */
export async function readShallowBoundary(gitDir: string): Promise<ReadonlySet<string>> {
  try {
    const text = await readFile(join(gitDir, 'shallow'), 'utf8');
    return new Set(text.split('\n').filter((line) => line.length > 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}
