/** Rows of migration 0008-flags; JSON as text, one shape on both dialects. */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type FlagSetsTable = {
  service: string;
  env: string;
  revision: number;
  metadata: string;
  evaluators: string;
  updated_at: string;
};

export type FlagsTable = {
  service: string;
  env: string;
  key: string;
  version: number;
  definition: string;
  updated_by: string;
  updated_at: string;
};

export type FlagVersionsTable = {
  service: string;
  env: string;
  key: string;
  version: number;
  definition: string;
  change: string;
  actor: string;
  time: string;
};

export type FlagClientKeysTable = {
  id: string;
  prefix: string;
  hash: string;
  service: string;
  env: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
};

export type FlagRampsTable = {
  id: string;
  service: string;
  env: string;
  key: string;
  variant: string;
  steps: string;
  next_step: number;
  status: string;
  due_at: string | null;
  last_error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** Added to the shared Database type with `withTables`, so flags own their row types. */
export type FlagTables = {
  flag_sets: FlagSetsTable;
  flags: FlagsTable;
  flag_versions: FlagVersionsTable;
  flag_client_keys: FlagClientKeysTable;
  flag_ramps: FlagRampsTable;
};
