import { SlipwayError, canonicalJson } from '@slipway/core';
import type { Artifact } from './artifact-record.js';
import type { ValidArtifact, ValidRelease } from './registry-schemas.js';
import type { ReleaseRecord } from './release-record.js';

/** What a repeated registration changed: `{ version: { from: null, to: '1.2.0' } }`. */
export type ArtifactLabelChanges = Record<string, { from: null; to: string }>;

/**
 * Name, kind and size describe the bytes, so they must match what the digest was registered
 * with. Version, service and source commit are labels: missing ones are filled, present ones
 * kept (the same image may be released again under a new version without being rebuilt).
 */
export function artifactChanges(
  known: Artifact,
  fields: ValidArtifact,
): { updated: Artifact; changes: ArtifactLabelChanges } {
  for (const field of ['name', 'kind', 'size'] as const) {
    if (known[field] !== fields[field]) {
      throw new SlipwayError(
        'CONFLICT',
        `artifact ${known.digest} is registered with ${field} ${String(known[field])}, not ${String(fields[field])}`,
        { subject: field, hint: 'the same digest is the same bytes; check which file was hashed' },
      );
    }
  }
  const changes: ArtifactLabelChanges = {};
  let updated = known;
  for (const field of ['version', 'service', 'sourceCommit'] as const) {
    const value = fields[field];
    if (known[field] === null && value !== null) {
      changes[field] = { from: null, to: value };
      updated = { ...updated, [field]: value };
    }
  }
  return { updated, changes };
}

/**
 * The fields in which a release sent again differs from the stored one, by name. The first commit
 * time is not compared: it measures the release rather than being part of it, and a release
 * recorded without it (or by an older client) may be sent again by a client that knows it.
 * `fixes` is compared when the new request names one.
 */
export function releaseDifferences(known: ReleaseRecord, fields: ValidRelease): string[] {
  const compared = ['tag', 'commit', 'notes', 'artifacts', 'components', 'rollForward'] as const;
  const differences: string[] = compared.filter(
    (field) => canonicalJson(known[field]) !== canonicalJson(fields[field]),
  );
  // Which version a release fixes is part of what it is (DORA counts a failure by it); a client
  // that does not say it (an older one) is not contradicting it.
  if (fields.fixes !== undefined && fields.fixes !== known.fixes) differences.push('fixes');
  return differences;
}
