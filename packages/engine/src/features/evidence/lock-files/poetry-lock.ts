import type { LockContents } from './lock-contents.js';
import { asArray, asString, isRecord } from './lock-contents.js';
import { pythonLockContents } from './python-lock-packages.js';
import { readTomlLockPackages } from './toml-lock-packages.js';

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
  const packages = readTomlLockPackages(text, source, (entry) => {
    const groups = asArray(entry['groups']).map(String);
    const category = asString(entry['category']);
    const runtime =
      groups.length > 0
        ? groups.includes('main')
        : category === undefined
          ? undefined
          : category === 'main';
    const needs = isRecord(entry['dependencies']) ? Object.keys(entry['dependencies']) : [];
    return runtime === undefined ? { needs } : { needs, runtime };
  });
  return pythonLockContents(packages, directRuntime, source);
}
