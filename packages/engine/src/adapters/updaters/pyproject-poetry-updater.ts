import { singleEntry, TAG_DERIVED_HINT } from './pyproject-project-updater.js';
import { replaceTomlString } from './replace-toml-string.js';
import { isKey, scanToml } from './scan-toml.js';
import { pythonVersion, type Updater } from './updater.js';
import { versionFileError } from './version-file-error.js';

/** Poetry: `version` in `[tool.poetry]`. */
export const pyprojectPoetryUpdater: Updater = {
  name: 'pyproject-poetry',
  update(content, version, target) {
    const entries = scanToml(content, target.path);
    const plugin = entries.find((entry) =>
      isKey(entry, ['tool', 'poetry-dynamic-versioning', 'enabled']),
    );
    if (plugin !== undefined && content.slice(plugin.valueStart, plugin.valueEnd) === 'true') {
      throw versionFileError(
        target.path,
        'poetry-dynamic-versioning is enabled, so [tool.poetry] version is a placeholder',
        TAG_DERIVED_HINT,
      );
    }
    const label = '[tool.poetry] version';
    const entry = singleEntry(entries, ['tool', 'poetry', 'version'], target.path, label);
    return replaceTomlString(content, entry, pythonVersion(version), target.path, label);
  },
};
