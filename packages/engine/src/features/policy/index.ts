export {
  parsePolicyDocument,
  policyDocumentSchema,
  checkStatusSchema,
} from './policy-document-schema.js';
export type { CheckResult, NewCheckResult, StoredPolicy } from './policy-records.js';
export type { CheckResultsTable, PolicyDocumentsTable, PolicyTables } from './policy-tables.js';
export type { PolicyStore } from './policy-store.js';
export { KyselyPolicyStore } from './kysely-policy-store.js';
export { FakePolicyStore } from './fake-policy-store.js';
export {
  PolicyService,
  createFakePolicyService,
  createPolicyService,
  defaultStrategy,
} from './policy-service.js';
export type {
  PolicyCheckRequest,
  PolicyEvaluation,
  PolicyServiceOptions,
} from './policy-service.js';
export { parsePolicyText } from './parse-policy-text.js';
