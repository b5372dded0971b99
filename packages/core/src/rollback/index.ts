export { componentKinds, rollbackBehaviours } from './rollback-plan.js';
export type {
  ComponentKind,
  ReleaseComponent,
  RollForwardPlan,
  RollbackBehaviour,
  RollbackPlan,
  RollbackStep,
  RollbackTarget,
} from './rollback-plan.js';
export {
  effectiveComponents,
  irreversibleMigrations,
  planRollback,
  rollbackCommand,
} from './plan-rollback.js';
export type { PlanRollbackInput, ReleaseToDeploy } from './plan-rollback.js';
export { checkDeploymentAllowed } from './check-deployment-allowed.js';
export type { DeploymentCheckInput, DeploymentVerdict } from './check-deployment-allowed.js';
