export type {
  CreatedFlagClientKey,
  FlagChangeKind,
  FlagClientKey,
  FlagImportReport,
  FlagPatch,
  FlagRamp,
  RampRequest,
  RampStatus,
  RampStep,
  FlagScope,
  FlagSetExport,
  FlagSetState,
  FlagVersion,
  RolloutRequest,
  StoredFlag,
} from './flag-record.js';
export type { FlagStore, FlagUnit } from './flag-store.js';
export type { FlagTables } from './flag-tables.js';
export { KyselyFlagStore } from './kysely-flag-store.js';
export { FakeFlagStore } from './fake-flag-store.js';
export { diffFlag } from './flag-diff.js';
export type { FlagDiff } from './flag-diff.js';
export { parsePercent, planRollout, readRolloutSplit, rolloutTotalWeight } from './plan-rollout.js';
export type { RolloutSplit } from './plan-rollout.js';
export { buildFlagSnapshot, flagdSchemaUrl } from './flag-snapshot.js';
export type { FlagSnapshot } from './flag-snapshot.js';
export { flagClientKeyPrefix } from './flag-client-key-secret.js';
export { FlagService, createFakeFlagService, createFlagService } from './flag-service.js';
export type { FlagServiceOptions } from './flag-service.js';
export type { FlagControlPlane } from './flag-control-plane.js';
export { HttpFlagControlPlane, flagsPath } from './http-flag-control-plane.js';
export { catalogFlagScope } from './catalog-flag-scope.js';
export { FlagRampService } from './flag-ramp-service.js';
export { startRampScheduler } from './ramp-scheduler.js';
export type { RampScheduler } from './ramp-scheduler.js';
export { singleVariant, staleFlags } from './stale-flags.js';
export type { StaleFlag } from './stale-flags.js';
