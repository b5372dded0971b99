/** Rows of migration 0007-policy (policy and check results). JSON values are text. */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type PolicyDocumentsTable = {
  version: number;
  document: string;
  created_at: string;
  created_by: string;
};

export type CheckResultsTable = {
  id: string;
  release_id: string;
  service: string;
  version: string;
  name: string;
  status: string;
  url: string | null;
  details: string | null;
  recorded_at: string;
  recorded_by: string;
};

export type PolicyTables = {
  policy_documents: PolicyDocumentsTable;
  check_results: CheckResultsTable;
};
