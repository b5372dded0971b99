import { purlFor } from './purl.js';
import type { Sbom, SbomComponent, SbomHash } from './sbom-model.js';
import { subjectRef } from './sbom-model.js';

/** A component with its purl, hashes merged and sorted: what both SBOM formats render. */
export interface ResolvedComponent extends SbomComponent {
  readonly purl: string;
}

/**
 * One component per purl, sorted by purl; hashes merged, deduplicated and sorted. Two lock files
 * naming the same package (a `uv.lock` and a `requirements.txt` export) give one component,
 * required if either says so, and the output does not depend on the order files were read.
 */
export function resolveComponents(sbom: Sbom): ResolvedComponent[] {
  const byPurl = new Map<string, ResolvedComponent>();
  for (const component of sbom.components) {
    const purl = purlFor(component.ecosystem, component.name, component.version);
    const existing = byPurl.get(purl);
    if (existing === undefined) {
      byPurl.set(purl, { ...component, purl, hashes: sortHashes(component.hashes) });
      continue;
    }
    byPurl.set(purl, {
      ...existing,
      hashes: sortHashes([...existing.hashes, ...component.hashes]),
      scope:
        existing.scope === 'required' || component.scope === 'required' ? 'required' : 'optional',
      source: [existing.source, component.source].sort()[0] ?? existing.source,
    });
  }
  return [...byPurl.values()].sort((a, b) => compare(a.purl, b.purl));
}

/** Edges restricted to known refs, merged per ref, both levels sorted; every ref gets an entry. */
export function resolveDependencies(
  sbom: Sbom,
  components: readonly ResolvedComponent[],
): { ref: string; dependsOn: string[] }[] {
  const known = new Set([subjectRef, ...components.map((c) => c.purl)]);
  const edges = new Map<string, Set<string>>([...known].map((ref) => [ref, new Set<string>()]));
  for (const dependency of sbom.dependencies) {
    const targets = edges.get(dependency.ref);
    if (targets === undefined) continue;
    for (const target of dependency.dependsOn) {
      if (known.has(target) && target !== dependency.ref) targets.add(target);
    }
  }
  return [...edges.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([ref, targets]) => ({ ref, dependsOn: [...targets].sort(compare) }));
}

function sortHashes(hashes: readonly SbomHash[]): SbomHash[] {
  const unique = new Map(hashes.map((hash) => [`${hash.algorithm}:${hash.hex}`, hash]));
  return [...unique.entries()].sort(([a], [b]) => compare(a, b)).map(([, hash]) => hash);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
