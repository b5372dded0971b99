import { pythonVersion, type Updater } from './updater.js';
import { splice, versionFileError } from './version-file-error.js';

interface Found {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/**
 * setup.cfg: `version` in `[metadata]`, read the way configparser does (keys are
 * case-insensitive, `=` or `:` delimits, an indented line continues the previous value).
 */
export const setupCfgUpdater: Updater = {
  name: 'setup-cfg',
  update(content, version, target) {
    const found: Found[] = [];
    let section: string | null = null;
    let offset = content.startsWith('\uFEFF') ? 1 : 0;
    const lines = content.slice(offset).split('\n');
    lines.forEach((rawLine, index) => {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      const header = /^\[([^\]]+)\]/.exec(line);
      if (header !== null) section = header[1]?.trim() ?? null;
      const key = section === 'metadata' ? /^version[ \t]*[=:][ \t]*/i.exec(line) : null;
      if (key !== null) {
        const value = line.slice(key[0].length).trimEnd();
        const start = offset + key[0].length;
        found.push({ line: index + 1, start, end: start + value.length });
      }
      offset += rawLine.length + 1;
    });
    const [first] = found;
    if (first === undefined) throw versionFileError(target.path, 'no version key in [metadata]');
    if (found.length > 1) {
      const at = found.map((item) => item.line).join(', ');
      throw versionFileError(target.path, `[metadata] version appears on lines ${at}`);
    }
    const current = content.slice(first.start, first.end);
    if (/^(?:attr|file):/.test(current)) {
      throw versionFileError(
        target.path,
        `[metadata] version (line ${first.line}) is read from elsewhere (${current})`,
        'list that file in version-files instead',
      );
    }
    if (current === '') throw versionFileError(target.path, `[metadata] version is empty`);
    return splice(content, first.start, first.end, pythonVersion(version));
  },
};
