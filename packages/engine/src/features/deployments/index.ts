export {
  deploymentActions,
  deploymentStatuses,
  maxDeploymentLogBytes,
} from './deployment-record.js';
export type {
  Deployment,
  DeploymentAction,
  DeploymentChangeOptions,
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
