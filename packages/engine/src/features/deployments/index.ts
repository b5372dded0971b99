export {
  deploymentActions,
  deploymentStatuses,
  maxDeploymentLogBytes,
} from './deployment-record.js';
export type {
  Deployment,
  DeploymentAction,
  BreakGlass,
  DeploymentChangeOptions,
  DeploymentCiContext,
  DeploymentStatus,
  DeployRequest,
  HistoryQuery,
  PlanRollbackRequest,
  PromoteRequest,
  RollbackRequest,
  StatusReport,
  StatusView,
} from './deployment-record.js';
export type { Deployer, DeployerConfig, DeployerOutcome, DeployerRequest } from './deployer.js';
export { BoundedLog, boundLog } from './bounded-log.js';
export { RecordDeployer } from './record-deployer.js';
export {
  CommandDeployer,
  defaultCommandTimeoutSeconds,
  deployerEnvironment,
} from './command-deployer.js';
export type { CommandDeployerOptions } from './command-deployer.js';
export { createDeployerFactory } from './deployer-for.js';
export type { DeployerFactory, DeployerFactoryOptions } from './deployer-for.js';
export type {
  DeploymentTables,
  DeploymentsTable,
  EnvironmentStateTable,
} from './deployment-tables.js';
export type { DeploymentStore, DeploymentUnit, EnvironmentState } from './deployment-store.js';
export { KyselyDeploymentStore } from './kysely-deployment-store.js';
export { FakeDeploymentStore } from './fake-deployment-store.js';
export type { CatalogListing } from './fake-deployment-store.js';
export { createDeploymentSources } from './deployment-sources.js';
export type { DeploymentSources } from './deployment-sources.js';
export { FakeDeploymentSources } from './fake-deployment-sources.js';
export {
  DeploymentService,
  createDeploymentService,
  createFakeDeploymentService,
  defaultHistoryLimit,
  maxHistoryLimit,
} from './deployment-service.js';
export type { DeploymentServiceOptions } from './deployment-service.js';
export type { DeploymentGate, GateAdmission, GateRequest } from './deployment-gate.js';
export { forwardSteps, rollbackSteps } from './deployment-steps.js';
export type { DeploymentStep } from './deployment-steps.js';
export type { RolloutHandoff } from './rollout-handoff.js';
