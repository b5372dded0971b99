import type { PackageEcosystem } from './purl.js';

/** Hash algorithms the lock files Slipway reads carry. */
export type SbomHashAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5';

export interface SbomHash {
  readonly algorithm: SbomHashAlgorithm;
  /** Lowercase hex. */
  readonly hex: string;
}

/** One third-party package, as a lock file (or a pin) names it. */
export interface SbomComponent {
  readonly ecosystem: PackageEcosystem;
  /** As written in the lock; purls normalise it. */
  readonly name: string;
  /** Absent for an unpinned `pyproject.toml` requirement. */
  readonly version?: string;
  readonly hashes: readonly SbomHash[];
  /** Development-only dependencies are `optional` (CycloneDX's scope); the rest `required`. */
  readonly scope: 'required' | 'optional';
  /** The file it came from (`uv.lock`, `package-lock.json`…), relative to the project. */
  readonly source: string;
}

/** An edge list keyed by purl; the subject's key is `subjectRef`. */
export interface SbomDependency {
  readonly ref: string;
  readonly dependsOn: readonly string[];
}

/** What the SBOM describes: the project and, when built, the artifact's digest. */
export interface SbomSubject {
  readonly name: string;
  readonly version?: string;
  readonly ecosystem: PackageEcosystem;
  /** The built artifact's file name and sha256, when there is one. */
  readonly artifact?: { readonly fileName: string; readonly sha256: string };
}

export interface Sbom {
  readonly subject: SbomSubject;
  readonly components: readonly SbomComponent[];
  readonly dependencies: readonly SbomDependency[];
  /** ISO 8601 UTC without fractions; from SOURCE_DATE_EPOCH or the commit time, never "now". */
  readonly timestamp: string;
  readonly tool: { readonly name: string; readonly version: string };
}

/** The bom-ref / graph key of the subject, stable across runs. */
export const subjectRef = 'slipway:subject';
