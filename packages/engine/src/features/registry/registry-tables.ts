/** Rows of migration 0004-registry. JSON columns are text (one shape on both dialects). */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type ArtifactsTable = {
  digest: string;
  name: string;
  kind: string;
  size: number;
  version: string | null;
  service: string | null;
  source_commit: string | null;
  /** 0 or 1. */
  stored: number;
  created_at: string;
  created_by: string;
};

export type ReleasesTable = {
  id: string;
  service: string;
  version: string;
  tag: string | null;
  commit: string | null;
  notes: string | null;
  /** JSON array of ReleaseComponent. */
  components: string;
  /** JSON RollForwardPlan, or null. */
  roll_forward: string | null;
  /** Migration 0014: ISO 8601 UTC, or null when unknown. */
  first_commit_time: string | null;
  /** Migration 0015: the version this release fixes, or null. */
  fixes: string | null;
  created_at: string;
  created_by: string;
};

export type ReleaseArtifactsTable = {
  release_id: string;
  digest: string;
  /** 0-based order in which the release listed its artifacts. */
  position: number;
};

/** Added to the shared Database type with `withTables`, so the registry owns its row types. */
export type RegistryTables = {
  artifacts: ArtifactsTable;
  releases: ReleasesTable;
  release_artifacts: ReleaseArtifactsTable;
};
