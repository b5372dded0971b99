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
