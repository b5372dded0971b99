import type { UpdateTarget, VersionRenderings } from './updater.js';
import { updaters } from './updaters.js';
import { versionFileError } from './version-file-error.js';

/**
 * Applies targets to file contents (pure). Targets on the same file apply in order, each to
 * the previous one's output; only files whose text changed are returned.
 */
export function applyVersionUpdates(
  files: ReadonlyMap<string, string>,
  targets: readonly UpdateTarget[],
  version: VersionRenderings,
): Map<string, string> {
  const current = new Map<string, string>();
  for (const target of targets) {
    const content = current.get(target.path) ?? files.get(target.path);
    if (content === undefined) throw versionFileError(target.path, 'file not found');
    current.set(target.path, updaters[target.updater].update(content, version, target));
  }
  return new Map([...current].filter(([path, content]) => content !== files.get(path)));
}
