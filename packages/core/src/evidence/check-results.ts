/** The policy check results recorded for a release (tests, scans, provenance…), as evidence. */
export const checkResultsPredicateType = 'https://slipway.dev/attestations/check-results/v1';

export interface RecordedCheck {
  readonly name: string;
  readonly status: string;
  readonly details: string | null;
  readonly url: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface CheckResultsPredicate {
  readonly service: string;
  readonly version: string;
  /** Every result recorded, oldest first per check; the newest of a name is the one in force. */
  readonly results: readonly RecordedCheck[];
}

export function checkResultsPredicate(
  service: string,
  version: string,
  results: readonly RecordedCheck[],
): CheckResultsPredicate {
  const sorted = [...results]
    .map((r) => ({
      name: r.name,
      status: r.status,
      details: r.details,
      url: r.url,
      recordedAt: r.recordedAt,
      recordedBy: r.recordedBy,
    }))
    .sort((a, b) =>
      a.name === b.name ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.name < b.name ? -1 : 1,
    );
  return { service, version, results: sorted };
}
