export {
  checkStatuses,
  defaultBreakGlass,
  policyRiskTiers,
  policyRules,
  weekdays,
} from './policy-types.js';
export type {
  ApprovalInput,
  BreakGlassSettings,
  CheckResultInput,
  CheckStatus,
  EnvironmentPolicy,
  PolicyDecision,
  PolicyDocument,
  PolicyInput,
  PolicyOverride,
  PolicyPatch,
  PolicyRiskTier,
  PolicyRule,
  PolicyVerdict,
  PolicyWindow,
  UnmetRule,
  Weekday,
  WeeklyPoint,
} from './policy-types.js';
export { defaultPolicy, evidenceChecks } from './default-policy.js';
export { openPolicy } from './open-policy.js';
export { resolvePolicy } from './resolve-policy.js';
export type { PolicySubject } from './resolve-policy.js';
export {
  describeWindow,
  isKnownTimeZone,
  normalizeLocalDateTime,
  wallClock,
  windowContains,
  windowProblems,
} from './policy-window.js';
export type { WallClock } from './policy-window.js';
export { evaluatePolicy } from './evaluate-policy.js';
