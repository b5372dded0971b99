/** Rows of migration 0003-catalog. Lifecycle is a JSON array as text (one shape on both dialects). */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type ServicesTable = {
  name: string;
  owner: string | null;
  repository: string | null;
  kind: string;
  risk_tier: string;
  lifecycle: string;
  entity_ref: string | null;
  stage: string | null;
  /** 0005: JSON DeployerConfig, NULL for `record`. */
  deployer: string | null;
  /** 0005: 0 or 1. */
  allow_skip: number;
  /** 0010: JSON ServiceRollouts, NULL for all at once. */
  rollout: string | null;
  created_at: string;
  updated_at: string;
};

/** Added to the shared Database type with `withTables`, so the catalog owns its own row types. */
export type CatalogTables = {
  services: ServicesTable;
};
