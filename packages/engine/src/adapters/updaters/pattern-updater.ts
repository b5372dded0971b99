import { escapeRegExp } from '@slipway/core';
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
      .map((part) => escapeRegExp(part).replaceAll('\n', '\\r?\\n'))
      .join(VERSION_TOKEN);
    // `d` gives each placeholder's span, so only versions change and the matched text
    // between them (a CRLF where the pattern says \n) stays as the file has it.
    const matches = [...content.matchAll(new RegExp(source, 'dg'))];
    const [match] = matches;
    if (match === undefined || matches.length > 1) {
      const lines = matches.map((found) => lineAt(content, found.index)).join(', ');
      throw versionFileError(
        target.path,
        `pattern ${JSON.stringify(pattern)} must match exactly once, ` +
          (match === undefined ? 'found no match' : `matched on lines ${lines}`),
      );
    }
    const spans = (match.indices ?? []).slice(1).filter((span) => span !== undefined);
    return spans.reduceRight(
      (text, [start, end]) => splice(text, start, end, version.primary),
      content,
    );
  },
};
