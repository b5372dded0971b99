export type {
  ChangeOptions,
  NewService,
  RiskTier,
  Service,
  ServiceFields,
  ServiceKind,
  ServicePatch,
  ServiceQuery,
} from './service-record.js';
export {
  defaultLifecycle,
  defaultRiskTier,
  defaultServiceKind,
  riskTiers,
  serviceKinds,
} from './service-record.js';
export type { CatalogStore, CatalogUnit } from './catalog-store.js';
export type { CatalogTables, ServicesTable } from './catalog-tables.js';
export { KyselyCatalogStore } from './kysely-catalog-store.js';
export { FakeCatalogStore } from './fake-catalog-store.js';
export { environmentNamePattern, serviceNamePattern } from './service-fields-schema.js';
export { lifecycleAnnotation, riskTierAnnotation } from './backstage-entity-schema.js';
export { parseCatalogInfo } from './parse-catalog-info.js';
export type {
  CatalogEntry,
  CatalogImportError,
  CatalogLocation,
  CatalogSkip,
  ParsedCatalogFile,
} from './parse-catalog-info.js';
export type { CatalogFile, CatalogImportReport } from './plan-catalog-import.js';
export type { ServiceChange, ServiceFieldChanges } from './service-change.js';
export {
  CatalogService,
  createCatalogService,
  createFakeCatalogService,
} from './catalog-service.js';
export type { CatalogServiceOptions } from './catalog-service.js';
export { newServiceSchema, servicePatchSchema } from './service-fields-schema.js';
export { rolloutNeedsConfigure } from './rollout-needs-configure.js';
export { catalogRolloutSpec } from './catalog-rollout-spec.js';
