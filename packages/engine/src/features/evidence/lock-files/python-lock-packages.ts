import type { SbomComponent, SbomDependency, SbomHash } from '@slipway/core';
import { normalizePypiName, pypiPurl } from '@slipway/core';
import type { LockContents } from './lock-contents.js';
import { reachable } from './lock-contents.js';

/** A package as the three Python lock formats describe it, before scopes are decided. */
export interface LockedPythonPackage {
  readonly name: string;
  readonly version: string;
  readonly hashes: readonly SbomHash[];
  /** Names (any spelling) of the packages it needs. */
  readonly needs: readonly string[];
  /** What the lock itself says, when it says it (poetry's groups, pdm's groups). */
  readonly runtime?: boolean;
}

/**
 * Edges by purl, then scope: a package is `required` when the lock marks it a runtime package
 * or, failing that, when it is reachable from the project's direct runtime dependencies.
 */
export function pythonLockContents(
  packages: readonly LockedPythonPackage[],
  directRuntime: readonly string[],
  source: string,
): LockContents {
  const purlOf = new Map(
    packages.map((p) => [normalizePypiName(p.name), pypiPurl(p.name, p.version)]),
  );
  const edges = new Map<string, string[]>();
  const dependencies: SbomDependency[] = packages.map((p) => {
    const dependsOn = p.needs.flatMap((need) => purlOf.get(normalizePypiName(need)) ?? []);
    edges.set(pypiPurl(p.name, p.version), dependsOn);
    return { ref: pypiPurl(p.name, p.version), dependsOn };
  });
  const direct = directRuntime.flatMap((name) => purlOf.get(normalizePypiName(name)) ?? []);
  const runtime = reachable(direct, edges);
  const components: SbomComponent[] = packages.map((p) => ({
    ecosystem: 'pypi',
    name: p.name,
    version: p.version,
    hashes: p.hashes,
    scope: (p.runtime ?? runtime.has(pypiPurl(p.name, p.version))) ? 'required' : 'optional',
    source,
  }));
  return { components, dependencies, direct };
}
