import type { PreRelease, Version } from './version.js';

/** Builds a frozen Version so every model value is plain, immutable, JSON-serializable data. */
export function freezeVersion(parts: {
  epoch?: number;
  release: readonly number[];
  pre?: PreRelease | null;
  post?: number | null;
  dev?: number | null;
  local?: string | null;
}): Version {
  const pre = parts.pre ?? null;
  return Object.freeze({
    epoch: parts.epoch ?? 0,
    release: Object.freeze([...parts.release]),
    pre: pre === null ? null : freezePre(pre),
    post: parts.post ?? null,
    dev: parts.dev ?? null,
    local: parts.local ?? null,
  });
}

function freezePre(pre: PreRelease): PreRelease {
  if (pre.identifiers === undefined) return Object.freeze({ label: pre.label, number: pre.number });
  return Object.freeze({
    label: pre.label,
    number: pre.number,
    identifiers: Object.freeze([...pre.identifiers]),
  });
}

/** Build a plain release version from numbers, e.g. makeVersion([1, 2, 0]). */
export function makeVersion(release: readonly number[]): Version {
  return freezeVersion({ release });
}

/** PEP 440's definition, shared by both schemes: a pre-release or a development release. */
export function isPrerelease(version: Version): boolean {
  return version.pre !== null || version.dev !== null;
}
