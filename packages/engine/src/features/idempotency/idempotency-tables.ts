/** Rows of migration 0006-idempotency; added to the shared Database type with `withTables`. */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type IdempotencyKeysTable = {
  scope: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  status: number | null;
  response: string | null;
  created_at: string;
  completed_at: string | null;
};

export type IdempotencyTables = {
  idempotency_keys: IdempotencyKeysTable;
};
