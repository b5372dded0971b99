import { lineAt } from './replace-toml-string.js';
import type { Updater } from './updater.js';
import { splice, versionFileError } from './version-file-error.js';

// A version starts and ends with a letter or digit, so `{version}.` at a sentence's end
// leaves the full stop alone; in between it may hold PEP 440 and SemVer punctuation.
const VERSION_TOKEN = '([0-9A-Za-z](?:[0-9A-Za-z.+!_-]*[0-9A-Za-z])?)';

/** Any file: the text of `pattern` with `{version}` standing for the version, found exactly once. */
export const patternUpdater: Updater = {
  name: 'pattern',
  update(content, version, target) {
    const pattern = target.pattern;
    if (pattern === undefined || !pattern.includes('{version}')) {
      throw versionFileError(target.path, 'needs a pattern with a {version} placeholder');
    }
    const source = pattern
      .split('{version}')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join(VERSION_TOKEN);
    const matches = [...content.matchAll(new RegExp(source, 'g'))];
    const [match] = matches;
    if (match === undefined || matches.length > 1) {
      const lines = matches.map((found) => lineAt(content, found.index)).join(', ');
      throw versionFileError(
        target.path,
        `pattern ${JSON.stringify(pattern)} must match exactly once, ` +
          (match === undefined ? 'found no match' : `matched on lines ${lines}`),
      );
    }
    // Rebuild the match with each placeholder replaced; the literal parts stay as they were.
    const literals = pattern.split('{version}');
    const replaced = literals.join(version.primary);
    return splice(content, match.index, match.index + match[0].length, replaced);
  },
};
