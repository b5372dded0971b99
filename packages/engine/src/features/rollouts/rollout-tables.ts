/** Rows of migration 0010-rollouts; JSON as text, one shape on both dialects. */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type RolloutsTable = {
  id: string;
  deployment_id: string;
  service: string;
  environment: string;
  version: string;
  stable_version: string | null;
  spec: string;
  status: string;
  current_step: number;
  weight: number;
  message: string | null;
  machine: string;
  next_action_at: string | null;
  roll_forward: string | null;
  flag_snapshot: string;
  revision: number;
  claimed_by: string | null;
  claimed_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type RolloutAnalysisRunsTable = {
  id: string;
  rollout_id: string;
  attempt: number;
  origin: string;
  ref: string;
  phase: string;
  measurements: string;
  judgements: string;
  next_measurement_at: string | null;
  started_at: string;
  finished_at: string | null;
};

/** Added to the shared Database type with `withTables`, so rollouts own their row types. */
export type RolloutTables = {
  rollouts: RolloutsTable;
  rollout_analysis_runs: RolloutAnalysisRunsTable;
};
