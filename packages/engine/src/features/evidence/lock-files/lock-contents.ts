import type { PackageEcosystem, SbomComponent, SbomDependency, SbomHash } from '@slipway/core';
import { SlipwayError } from '@slipway/core';

/** What one lock file says: packages, edges (by purl), and the project itself when it names it. */
export interface LockContents {
  readonly components: readonly SbomComponent[];
  readonly dependencies: readonly SbomDependency[];
  /** Purls the project depends on directly, when the lock knows them. */
  readonly direct: readonly string[];
  readonly root?: {
    readonly name: string;
    readonly version?: string;
    readonly ecosystem: PackageEcosystem;
  };
}

/** `sha256:abc…` (the Python lock files' form) → an SbomHash; other algorithms are dropped. */
export function parsePrefixedHash(text: unknown): SbomHash | null {
  if (typeof text !== 'string') return null;
  const match = /^(sha256|sha384|sha512|sha1|md5)[:=]([0-9a-fA-F]+)$/.exec(text.trim());
  if (match === null) return null;
  return checkedHash(match[1] as SbomHash['algorithm'], (match[2] ?? '').toLowerCase());
}

const hexLength: Record<SbomHash['algorithm'], number> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/** A hash whose length does not fit its algorithm is a corrupt lock entry: left out, not repeated. */
export function checkedHash(algorithm: SbomHash['algorithm'], hex: string): SbomHash | null {
  return hex.length === hexLength[algorithm] ? { algorithm, hex } : null;
}

/** PEP 508: the distribution name at the start of a requirement string, or null. */
export function requirementName(requirement: string): string | null {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement);
  return match?.[1] ?? null;
}

/** `name==1.2.3` (exact pin, with optional extras and markers) → the version, else undefined. */
export function pinnedVersion(requirement: string): string | undefined {
  const match = /^\s*[A-Za-z0-9._-]+\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;,]+)\s*(?:;.*)?$/.exec(
    requirement,
  );
  return match?.[1];
}

export function lockError(source: string, message: string, cause?: unknown): SlipwayError {
  return new SlipwayError('USAGE', `${source}: ${message}`, {
    subject: source,
    ...(cause === undefined ? {} : { cause }),
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Everything reachable from `start` over `edges`; used to tell runtime from dev-only packages. */
export function reachable(
  start: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(edges.get(next) ?? []));
  }
  return seen;
}
