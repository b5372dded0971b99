export { flagErrorCodes, formatFlagFileIssue, resolutionReasons } from './flag-types.js';
export type {
  EvaluationContext,
  FlagDefinition,
  FlagErrorCode,
  FlagEvaluation,
  FlagFile,
  FlagFileIssue,
  FlagMetadata,
  FlagValue,
  FlagValueType,
  ResolutionDetails,
  ResolutionReason,
} from './flag-types.js';
export { compileFlagSet } from './compile-flag-set.js';
export type {
  CompileFlagSetOptions,
  CompileFlagSetResult,
  CompiledFlag,
  CompiledFlagSet,
} from './compile-flag-set.js';
export {
  evaluateAllFlags,
  evaluateFlag,
  flagValueHasType,
  resolveBooleanFlag,
  resolveFlag,
  resolveNumberFlag,
  resolveObjectFlag,
  resolveStringFlag,
} from './resolve-flag.js';
export { validateFlagFile, validateTargetingRule } from './validate-flag-file.js';
export type { FlagFileValidation, ValidateFlagFileOptions } from './validate-flag-file.js';
export { compileTargeting } from './compile-targeting.js';
export type { CompiledRule, RuleScope, TargetingCompiler } from './compiled-rule.js';
export { murmur3Hash32 } from './murmur3.js';
export {
  fractional as flagdFractional,
  fractionalBucket,
  maxTotalWeight,
  parseFractionalBuckets,
  pickFractionalVariant,
} from './fractional.js';
export type { FractionalBuckets } from './fractional.js';
export { parseFlagVersion, semVer as flagdSemVer } from './sem-ver.js';
export { endsWith as flagdEndsWith, startsWith as flagdStartsWith } from './string-operators.js';
