import type { LockContents } from './lock-contents.js';
import { asArray, requirementName } from './lock-contents.js';
import { pythonLockContents } from './python-lock-packages.js';
import { readTomlLockPackages } from './toml-lock-packages.js';

/**
 * `pdm.lock`: `[[package]]` with `files` hashes, `dependencies` as PEP 508 strings, and
 * `groups` (`default` is runtime). Direct dependencies come from `pyproject.toml`.
 */
export function readPdmLock(
  text: string,
  directRuntime: readonly string[],
  source = 'pdm.lock',
): LockContents {
  const packages = readTomlLockPackages(text, source, (entry) => {
    const groups = asArray(entry['groups']).map(String);
    const needs = asArray(entry['dependencies']).flatMap((d) => {
      const needName = typeof d === 'string' ? requirementName(d) : null;
      return needName === null ? [] : [needName];
    });
    return groups.length === 0 ? { needs } : { needs, runtime: groups.includes('default') };
  });
  return pythonLockContents(packages, directRuntime, source);
}
