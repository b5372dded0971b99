export type * from './rollout-record.js';
export { rolloutStatuses } from './rollout-record.js';
export type * from './rollout-ports.js';
export type * from './rollout-control-plane.js';
export type * from './rollout-store.js';
export type { RolloutTables } from './rollout-tables.js';
export { KyselyRolloutStore } from './kysely-rollout-store.js';
export { FakeRolloutStore } from './fake-rollout-store.js';
export { parseServiceRollouts, rolloutSpecFor } from './service-rollouts.js';
export type { ServiceRollouts } from './service-rollouts.js';
export {
  RolloutService,
  createRolloutService,
  defaultRolloutListLimit,
} from './rollout-service.js';
export type { RolloutServiceOptions } from './rollout-service.js';
export { createRolloutLinks, kyselyRolloutLinks } from './rollout-links.js';
export type { RolloutLinkParts, RolloutLinks, RolloutOutcome } from './rollout-links.js';
export { automaticActor } from './rollout-events.js';
export { joinTransaction } from './join-transaction.js';
export { measureAnalysisRun } from './measure-analysis-run.js';
export { startRolloutScheduler } from './rollout-scheduler.js';
export type { RolloutScheduler } from './rollout-scheduler.js';
