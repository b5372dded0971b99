import { scanJson, type JsonValueSpan } from './scan-json.js';
import { npmVersion, type Updater, type VersionRenderings } from './updater.js';
import { splice, versionFileError } from './version-file-error.js';

/** package.json: the top-level "version". */
export const packageJsonUpdater: Updater = {
  name: 'package-json',
  update(content, version, target) {
    const spans = scanJson(content, [['version']], target.path);
    if (spans.length === 0) throw versionFileError(target.path, 'no top-level "version" key');
    return writeJsonStrings(content, spans, version, target.path);
  },
};

/** package-lock.json: the root's "version" and packages[""].version, never a dependency's. */
export const packageLockUpdater: Updater = {
  name: 'package-lock',
  update(content, version, target) {
    const spans = scanJson(content, [['version'], ['packages', '', 'version']], target.path);
    if (spans.length === 0) {
      throw versionFileError(target.path, 'no top-level "version" or packages[""].version key');
    }
    return writeJsonStrings(content, spans, version, target.path);
  },
};

function writeJsonStrings(
  content: string,
  spans: readonly JsonValueSpan[],
  version: VersionRenderings,
  path: string,
): string {
  // From the end backwards, so earlier offsets stay valid.
  return [...spans]
    .sort((a, b) => b.start - a.start)
    .reduce((text, span) => {
      const label = span.path.length === 1 ? '"version"' : 'packages[""].version';
      if (span.kind !== 'string') throw versionFileError(path, `${label} is not a string`);
      return splice(text, span.start, span.end, JSON.stringify(npmVersion(version)));
    }, content);
}
