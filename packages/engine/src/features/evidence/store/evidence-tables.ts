/** Rows of migration 0011-evidence. */
// A type alias, not an interface: Kysely's `withTables` wants an index-signature-compatible shape.
export type EvidenceBundlesTable = {
  release_id: string;
  service: string;
  version: string;
  digest: string;
  size: number | string;
  manifest: string;
  key_id: string;
  content: string;
  uploaded_at: string;
  uploaded_by: string;
};

export type EvidenceTables = { evidence_bundles: EvidenceBundlesTable };
