import { lineAt } from './replace-toml-string.js';
import { pythonVersion, type Updater } from './updater.js';
import { splice, versionFileError } from './version-file-error.js';

// A module-level assignment (column 0) of a one-line string literal, optionally annotated.
const ASSIGNMENT = /^__version__[ \t]*(?::[^=\n]*)?=[ \t]*[uU]?(["'])([^"'\\\r\n]*)\1/gm;
const ANY_ASSIGNMENT = /^__version__[ \t]*(?::[^=\n]*)?=(?!=)/m;

/** True when `content` assigns `__version__` a string literal at module level. */
export function hasVersionLiteral(content: string): boolean {
  return content.match(ASSIGNMENT) !== null;
}

/** Python modules: `__version__ = "…"` in either quote style, any PEP 440 value. */
export const pythonVersionUpdater: Updater = {
  name: 'python-version',
  update(content, version, target) {
    const matches = [...content.matchAll(ASSIGNMENT)];
    const [match] = matches;
    if (match === undefined) {
      const computed = ANY_ASSIGNMENT.exec(content);
      throw versionFileError(
        target.path,
        computed === null
          ? 'no module-level __version__ = "…" assignment'
          : `__version__ on line ${lineAt(content, computed.index)} is not a string literal`,
      );
    }
    if (matches.length > 1) {
      const lines = matches.map((found) => lineAt(content, found.index)).join(', ');
      throw versionFileError(target.path, `__version__ is assigned on lines ${lines}`);
    }
    const value = match[2] ?? '';
    const start = match.index + match[0].length - 1 - value.length;
    return splice(content, start, start + value.length, pythonVersion(version));
  },
};
