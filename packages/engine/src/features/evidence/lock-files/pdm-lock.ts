import { parse } from 'smol-toml';
import type { LockContents } from './lock-contents.js';
import {
  asArray,
  asString,
  isRecord,
  lockError,
  parsePrefixedHash,
  requirementName,
} from './lock-contents.js';
import type { LockedPythonPackage } from './python-lock-packages.js';
import { pythonLockContents } from './python-lock-packages.js';

/**
 * `pdm.lock`: `[[package]]` with `files` hashes, `dependencies` as PEP 508 strings, and
 * `groups` (`default` is runtime). Direct dependencies come from `pyproject.toml`.
 */
export function readPdmLock(
  text: string,
  directRuntime: readonly string[],
  source = 'pdm.lock',
): LockContents {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    throw lockError(source, 'is not valid TOML', error);
  }
  const packages: LockedPythonPackage[] = asArray(document['package']).flatMap((entry) => {
    if (!isRecord(entry)) return [];
    const name = asString(entry['name']);
    const version = asString(entry['version']);
    if (name === undefined || version === undefined) {
      throw lockError(source, `a [[package]] lacks a name or version (${String(name)})`);
    }
    const groups = asArray(entry['groups']).map(String);
    const needs = asArray(entry['dependencies']).flatMap((d) => {
      const needName = typeof d === 'string' ? requirementName(d) : null;
      return needName === null ? [] : [needName];
    });
    const hashes = asArray(entry['files']).flatMap((file) => {
      const hash = isRecord(file) ? parsePrefixedHash(file['hash']) : null;
      return hash === null ? [] : [hash];
    });
    return [
      {
        name,
        version,
        hashes,
        needs,
        ...(groups.length === 0 ? {} : { runtime: groups.includes('default') }),
      },
    ];
  });
  return pythonLockContents(packages, directRuntime, source);
}
