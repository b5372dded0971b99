import { parse } from 'smol-toml';
import { asArray, asString, isRecord, lockError, parsePrefixedHash } from './lock-contents.js';
import type { LockedPythonPackage } from './python-lock-packages.js';

/** What a lock format says about one package beyond its name, version and file hashes. */
export interface TomlPackageDetails {
  readonly needs: readonly string[];
  readonly runtime?: boolean;
}

/**
 * The `[[package]]` tables of a TOML lock (poetry, pdm) with `files` hashes. Each format reads
 * its own dependencies and runtime marking through `details`, since those are what differ.
 */
export function readTomlLockPackages(
  text: string,
  source: string,
  details: (entry: Record<string, unknown>) => TomlPackageDetails,
): LockedPythonPackage[] {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    throw lockError(source, 'is not valid TOML', error);
  }
  return asArray(document['package']).flatMap((entry) => {
    if (!isRecord(entry)) return [];
    const name = asString(entry['name']);
    const version = asString(entry['version']);
    if (name === undefined || version === undefined) {
      throw lockError(source, `a [[package]] lacks a name or version (${String(name)})`);
    }
    const { needs, runtime } = details(entry);
    const hashes = asArray(entry['files']).flatMap((file) => {
      const hash = isRecord(file) ? parsePrefixedHash(file['hash']) : null;
      return hash === null ? [] : [hash];
    });
    return [{ name, version, hashes, needs, ...(runtime === undefined ? {} : { runtime }) }];
  });
}
