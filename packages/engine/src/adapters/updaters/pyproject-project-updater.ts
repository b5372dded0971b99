import { parse } from 'smol-toml';
import { replaceTomlString } from './replace-toml-string.js';
import { isKey, scanToml, type TomlEntry } from './scan-toml.js';
import { pythonVersion, type Updater } from './updater.js';
import { versionFileError } from './version-file-error.js';

export const TAG_DERIVED_HINT =
  'the version comes from git tags at build time (setuptools-scm style): print it with ' +
  '`slipway describe` and leave the file out of version-files';

/** PEP 621: `version` in `[project]` (or a root dotted `project.version`). */
export const pyprojectProjectUpdater: Updater = {
  name: 'pyproject-project',
  update(content, version, target) {
    const entries = scanToml(content, target.path);
    const dynamic = entries.find((entry) => isKey(entry, ['project', 'dynamic']));
    if (dynamic !== undefined && listsVersion(content, dynamic)) {
      throw versionFileError(
        target.path,
        '[project] lists "version" in dynamic, so there is no version to write',
        TAG_DERIVED_HINT,
      );
    }
    if (entries.some((entry) => isKey(entry, ['project']))) {
      throw versionFileError(
        target.path,
        '[project] is an inline table (project = { … }); write it as a [project] table to update its version',
      );
    }
    const entry = singleEntry(entries, ['project', 'version'], target.path, '[project] version');
    return replaceTomlString(
      content,
      entry,
      pythonVersion(version),
      target.path,
      '[project] version',
    );
  },
};

/** The one entry at `key`; a missing or repeated key is an error naming the file and key. */
export function singleEntry(
  entries: readonly TomlEntry[],
  key: readonly string[],
  path: string,
  label: string,
): TomlEntry {
  const found = entries.filter((entry) => !entry.arrayTable && isKey(entry, key));
  const [first] = found;
  if (first === undefined) throw versionFileError(path, `no ${label} key`);
  if (found.length > 1) throw versionFileError(path, `${label} appears ${found.length} times`);
  return first;
}

function listsVersion(content: string, entry: TomlEntry): boolean {
  // Parsing just the array's text reads its strings exactly, comments and line breaks included.
  const parsed = parse(`dynamic = ${content.slice(entry.valueStart, entry.valueEnd)}`);
  return Array.isArray(parsed['dynamic']) && parsed['dynamic'].includes('version');
}
