import { parse } from 'smol-toml';
import type { LockContents } from './lock-contents.js';
import { asArray, asString, isRecord, lockError, parsePrefixedHash } from './lock-contents.js';
import type { LockedPythonPackage } from './python-lock-packages.js';
import { pythonLockContents } from './python-lock-packages.js';

/**
 * `poetry.lock` (format 1.x and 2.x): `[[package]]` with `files` hashes and a
 * `[package.dependencies]` table. Poetry 2 lists `groups`, Poetry 1 a `category`; either marks
 * runtime packages (`main`). Direct dependencies come from `pyproject.toml`.
 */
export function readPoetryLock(
  text: string,
  directRuntime: readonly string[],
  source = 'poetry.lock',
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
    const category = asString(entry['category']);
    const runtime =
      groups.length > 0
        ? groups.includes('main')
        : category === undefined
          ? undefined
          : category === 'main';
    const needs = isRecord(entry['dependencies']) ? Object.keys(entry['dependencies']) : [];
    const hashes = asArray(entry['files']).flatMap((file) => {
      const hash = isRecord(file) ? parsePrefixedHash(file['hash']) : null;
      return hash === null ? [] : [hash];
    });
    return [{ name, version, hashes, needs, ...(runtime === undefined ? {} : { runtime }) }];
  });
  return pythonLockContents(packages, directRuntime, source);
}
