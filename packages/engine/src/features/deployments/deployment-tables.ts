/** Rows of migration 0005-deployments. JSON values (digests, plans) are text on both dialects. */
// Type aliases, not interfaces: Kysely's `withTables` wants an index-signature-compatible shape.
export type DeploymentsTable = {
  id: string;
  service: string;
  environment: string;
  release_id: string;
  version: string;
  digests: string;
  action: string;
  source_environment: string | null;
  strategy: string;
  deployer: string;
  status: string;
  actor: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  logs: string;
  rollback_target: string | null;
  rollback_command: string | null;
  rollback_plan: string;
};

/** One row per (service, environment): the lock, and the current known-good deployment. */
export type EnvironmentStateTable = {
  service: string;
  environment: string;
  deployment_id: string | null;
  version: string | null;
  digests: string | null;
  deployed_at: string | null;
  actor: string | null;
};

export type DeploymentTables = {
  deployments: DeploymentsTable;
  environment_state: EnvironmentStateTable;
};
