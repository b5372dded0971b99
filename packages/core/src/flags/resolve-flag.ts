import type { CompiledFlag, CompiledFlagSet } from './compile-flag-set.js';
import type {
  EvaluationContext,
  FlagEvaluation,
  FlagValue,
  FlagValueType,
  ResolutionDetails,
} from './flag-types.js';

const emptyContext: EvaluationContext = {};

/**
 * Evaluates one flag without a caller's type or default: the building block of the typed
 * resolvers and of bulk evaluation (OFREP). Never throws; errors come back as data.
 */
export function evaluateFlag(
  flagSet: CompiledFlagSet,
  flagKey: string,
  context: EvaluationContext = emptyContext,
): FlagEvaluation {
  const flag = flagSet.flags.get(flagKey);
  if (flag === undefined) {
    return {
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: `flag "${flagKey}" not found`,
      flagMetadata: flagSet.metadata,
    };
  }
  return evaluateCompiledFlag(flag, context);
}

export function evaluateCompiledFlag(
  flag: CompiledFlag,
  context: EvaluationContext,
): FlagEvaluation {
  if (flag.state === 'DISABLED') return { reason: 'DISABLED', flagMetadata: flag.metadata };
  if (flag.parseError !== null) {
    return errorEvaluation(flag, 'PARSE_ERROR', flag.parseError);
  }
  let variant = flag.defaultVariant;
  let reason: 'STATIC' | 'DEFAULT' | 'TARGETING_MATCH' = 'STATIC';
  if (flag.targeting !== null) {
    let result: unknown;
    try {
      result = flag.targeting(context, context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return errorEvaluation(flag, 'GENERAL', `flag "${flag.key}": targeting failed: ${message}`);
    }
    if (result === null || result === undefined) {
      reason = 'DEFAULT';
    } else if (typeof result === 'string') {
      variant = result;
      reason = 'TARGETING_MATCH';
    } else if (typeof result === 'boolean' || typeof result === 'number') {
      // flagd reads a boolean (and, undefined by the spec, a number) as the variant's name.
      variant = String(result);
      reason = 'TARGETING_MATCH';
    } else {
      return errorEvaluation(
        flag,
        'GENERAL',
        `flag "${flag.key}": targeting returned ${JSON.stringify(result)}, not a variant name`,
      );
    }
  }
  // No variant at all (defaultVariant null or missing): the caller's code default applies.
  if (variant === null) return { reason: 'DEFAULT', flagMetadata: flag.metadata };
  if (!Object.hasOwn(flag.variants, variant)) {
    return errorEvaluation(
      flag,
      'GENERAL',
      `flag "${flag.key}": variant "${variant}" is not one of its variants`,
    );
  }
  const value = flag.variants[variant] as FlagValue;
  return { value, variant, reason, flagMetadata: flag.metadata };
}

function errorEvaluation(
  flag: CompiledFlag,
  errorCode: 'PARSE_ERROR' | 'GENERAL',
  errorMessage: string,
): FlagEvaluation {
  return { reason: 'ERROR', errorCode, errorMessage, flagMetadata: flag.metadata };
}

/** The JavaScript type a variant must have to be served as `type`. */
export function flagValueHasType(value: FlagValue, type: FlagValueType): boolean {
  return type === 'object' ? value !== null && typeof value === 'object' : typeof value === type;
}

/**
 * OpenFeature's typed resolution: the variant's value when it has the requested type, else
 * the caller's default with TYPE_MISMATCH; the default too for every error, a disabled flag or
 * a flag without a default variant. Never throws.
 */
export function resolveFlag<T extends FlagValue>(
  flagSet: CompiledFlagSet,
  flagKey: string,
  type: FlagValueType,
  defaultValue: T,
  context: EvaluationContext = emptyContext,
): ResolutionDetails<T> {
  const evaluation = evaluateFlag(flagSet, flagKey, context);
  const { value } = evaluation;
  if (value === undefined) return withValue(evaluation, defaultValue);
  if (!flagValueHasType(value, type)) {
    return {
      value: defaultValue,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
      errorMessage: `flag "${flagKey}" is not a ${type}: variant "${String(evaluation.variant)}" is ${JSON.stringify(value)}`,
      flagMetadata: evaluation.flagMetadata,
    };
  }
  return evaluation as ResolutionDetails<T>;
}

function withValue<T>(evaluation: FlagEvaluation, value: T): ResolutionDetails<T> {
  const details: { -readonly [K in keyof ResolutionDetails<T>]: ResolutionDetails<T>[K] } = {
    value,
    reason: evaluation.reason,
    flagMetadata: evaluation.flagMetadata,
  };
  if (evaluation.errorCode !== undefined) details.errorCode = evaluation.errorCode;
  if (evaluation.errorMessage !== undefined) details.errorMessage = evaluation.errorMessage;
  return details;
}

export const resolveBooleanFlag = (
  flagSet: CompiledFlagSet,
  flagKey: string,
  defaultValue: boolean,
  context?: EvaluationContext,
): ResolutionDetails<boolean> => resolveFlag(flagSet, flagKey, 'boolean', defaultValue, context);

export const resolveStringFlag = (
  flagSet: CompiledFlagSet,
  flagKey: string,
  defaultValue: string,
  context?: EvaluationContext,
): ResolutionDetails<string> => resolveFlag(flagSet, flagKey, 'string', defaultValue, context);

export const resolveNumberFlag = (
  flagSet: CompiledFlagSet,
  flagKey: string,
  defaultValue: number,
  context?: EvaluationContext,
): ResolutionDetails<number> => resolveFlag(flagSet, flagKey, 'number', defaultValue, context);

export const resolveObjectFlag = <T extends FlagValue>(
  flagSet: CompiledFlagSet,
  flagKey: string,
  defaultValue: T,
  context?: EvaluationContext,
): ResolutionDetails<T> => resolveFlag(flagSet, flagKey, 'object', defaultValue, context);

/** Every flag of the set evaluated against one context (OFREP's bulk evaluation). */
export function evaluateAllFlags(
  flagSet: CompiledFlagSet,
  context: EvaluationContext = emptyContext,
): Map<string, FlagEvaluation> {
  const results = new Map<string, FlagEvaluation>();
  for (const [key, flag] of flagSet.flags) results.set(key, evaluateCompiledFlag(flag, context));
  return results;
}
