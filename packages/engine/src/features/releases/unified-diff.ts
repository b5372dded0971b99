import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './file-transaction.js';

/** The exact unified diff `--dry-run` prints: git's a/ b/ prefixes, /dev/null for new and deleted files. */
export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes
    .map((change) =>
      withoutSeparator(
        createTwoFilesPatch(
          change.before === null ? '/dev/null' : `a/${change.path}`,
          change.after === null ? '/dev/null' : `b/${change.path}`,
          change.before ?? '',
          change.after ?? '',
          undefined,
          undefined,
          { context: 3 },
        ),
      ),
    )
    .join('');
}

/** jsdiff starts each patch with a `====` line that `git diff` and `patch` do not write. */
function withoutSeparator(patch: string): string {
  return patch.replace(/^=+\n/, '');
}
