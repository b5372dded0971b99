export type * from './rollout-record.js';
export { rolloutStatuses } from './rollout-record.js';
export type * from './rollout-ports.js';
export type * from './rollout-control-plane.js';
export type * from './rollout-store.js';
export type { RolloutTables } from './rollout-tables.js';
export { KyselyRolloutStore } from './kysely-rollout-store.js';
export { FakeRolloutStore } from './fake-rollout-store.js';
