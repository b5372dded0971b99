import { parse } from 'smol-toml';
import type { SbomHash } from '@slipway/core';
import type { LockContents } from './lock-contents.js';
import { asArray, asString, isRecord, lockError, parsePrefixedHash } from './lock-contents.js';
import type { LockedPythonPackage } from './python-lock-packages.js';
import { pythonLockContents } from './python-lock-packages.js';

/**
 * `uv.lock`: every `[[package]]` with its sdist and wheel hashes and `dependencies`. The project
 * itself is the package whose source is `editable` or `virtual`; its `dependencies` are the
 * direct runtime ones, its `dev-dependencies` and extras are not.
 */
export function readUvLock(text: string, source = 'uv.lock'): LockContents {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    throw lockError(source, 'is not valid TOML', error);
  }
  const packages: LockedPythonPackage[] = [];
  let root: LockContents['root'];
  let direct: string[] = [];
  for (const entry of asArray(document['package'])) {
    if (!isRecord(entry)) continue;
    const name = asString(entry['name']);
    const version = asString(entry['version']);
    if (name === undefined) throw lockError(source, 'a [[package]] has no name');
    const needs = asArray(entry['dependencies']).flatMap((d) =>
      isRecord(d) && typeof d['name'] === 'string' ? [d['name']] : [],
    );
    const sourceTable = isRecord(entry['source']) ? entry['source'] : {};
    if ('editable' in sourceTable || 'virtual' in sourceTable) {
      root = { name, ...(version === undefined ? {} : { version }), ecosystem: 'pypi' };
      direct = needs;
      continue;
    }
    if (version === undefined) throw lockError(source, `package ${name} has no version`);
    packages.push({ name, version, hashes: fileHashes(entry), needs });
  }
  const contents = pythonLockContents(packages, direct, source);
  return root === undefined ? contents : { ...contents, root };
}

function fileHashes(entry: Record<string, unknown>): SbomHash[] {
  const files = [entry['sdist'], ...asArray(entry['wheels'])];
  return files.flatMap((file) => {
    const hash = isRecord(file) ? parsePrefixedHash(file['hash']) : null;
    return hash === null ? [] : [hash];
  });
}
