import { replaceTomlString } from './replace-toml-string.js';
import { scanToml, type TomlEntry } from './scan-toml.js';
import { pythonVersion, type Updater } from './updater.js';
import { versionFileError } from './version-file-error.js';

// uv marks the project itself (and workspace members) with a source at the lock's directory.
const OWN_SOURCE = /^\{\s*(?:editable|virtual)\s*=\s*"\."\s*\}$/;

/** uv.lock: the version of the project's own `[[package]]`, never a dependency's. */
export const uvLockUpdater: Updater = {
  name: 'uv-lock',
  update(content, version, target) {
    const bySection = new Map<number, TomlEntry[]>();
    for (const entry of scanToml(content, target.path)) {
      if (!entry.arrayTable || entry.table.join('.') !== 'package' || entry.key.length !== 1)
        continue;
      bySection.set(entry.section, [...(bySection.get(entry.section) ?? []), entry]);
    }
    const value = (entries: readonly TomlEntry[], key: string): string | undefined => {
      const entry = entries.find((candidate) => candidate.key[0] === key);
      return entry === undefined ? undefined : content.slice(entry.valueStart, entry.valueEnd);
    };
    const wanted = target.projectName === undefined ? null : normalizeName(target.projectName);
    const own = [...bySection.values()].filter((entries) => {
      const name = value(entries, 'name');
      const source = value(entries, 'source') ?? '';
      return (
        OWN_SOURCE.test(source) &&
        name !== undefined &&
        (wanted === null || normalizeName(name.slice(1, -1)) === wanted)
      );
    });
    const label = `the [[package]] entry for ${target.projectName ?? 'the project'}`;
    const [entries] = own;
    if (entries === undefined) {
      throw versionFileError(
        target.path,
        `no [[package]] entry for ${target.projectName ?? 'the project'} with source editable or virtual "."`,
      );
    }
    if (own.length > 1) {
      throw versionFileError(
        target.path,
        `${own.length} [[package]] entries have source "."`,
        'set the project name so the right entry is chosen',
      );
    }
    const entry = entries.find((candidate) => candidate.key[0] === 'version');
    if (entry === undefined) {
      // uv leaves the version out when pyproject.toml declares it dynamic.
      throw versionFileError(target.path, `${label} has no version key`);
    }
    return replaceTomlString(
      content,
      entry,
      pythonVersion(version),
      target.path,
      `${label}'s version`,
    );
  },
};

/** PEP 503 normalization: uv writes names this way. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
