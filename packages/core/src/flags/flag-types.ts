import type { JsonValue } from '../canonical-json/canonical-json.js';

export type { JsonValue };

/** A variant's value: flagd allows booleans, numbers, strings and objects. */
export type FlagValue =
  boolean | number | string | { readonly [key: string]: JsonValue } | readonly JsonValue[];

/** The four typed resolutions of OpenFeature (Integer and Float are both `number`). */
export type FlagValueType = 'boolean' | 'string' | 'number' | 'object';

/** Flag or flag-set metadata: flat keys with string, number or boolean values. */
export type FlagMetadata = Readonly<Record<string, string | number | boolean>>;

/** The OpenFeature evaluation context; `targetingKey` identifies the subject for bucketing. */
export interface EvaluationContext {
  readonly targetingKey?: string;
  readonly [attribute: string]: unknown;
}

export const resolutionReasons = [
  'STATIC',
  'TARGETING_MATCH',
  'SPLIT',
  'DISABLED',
  'DEFAULT',
  'ERROR',
] as const;
/** OpenFeature's standard reasons. Like flagd, a `fractional` result reports TARGETING_MATCH. */
export type ResolutionReason = (typeof resolutionReasons)[number];

export const flagErrorCodes = [
  'FLAG_NOT_FOUND',
  'TYPE_MISMATCH',
  'PARSE_ERROR',
  'TARGETING_KEY_MISSING',
  'GENERAL',
] as const;
export type FlagErrorCode = (typeof flagErrorCodes)[number];

/** OpenFeature resolution details: what every resolve call returns, never throwing. */
export interface ResolutionDetails<T> {
  readonly value: T;
  readonly variant?: string;
  readonly reason: ResolutionReason;
  readonly errorCode?: FlagErrorCode;
  readonly errorMessage?: string;
  readonly flagMetadata: FlagMetadata;
}

/**
 * An evaluation before the caller's type and default apply: `value` is absent when the flag
 * falls back to the code default (no default variant, disabled, or an error).
 */
export interface FlagEvaluation {
  readonly value?: FlagValue;
  readonly variant?: string;
  readonly reason: ResolutionReason;
  readonly errorCode?: FlagErrorCode;
  readonly errorMessage?: string;
  readonly flagMetadata: FlagMetadata;
}

/** One flag of a flagd flag file, as written. */
export interface FlagDefinition {
  readonly state: 'ENABLED' | 'DISABLED';
  readonly variants: Readonly<Record<string, FlagValue>>;
  readonly defaultVariant?: string | null;
  readonly targeting?: JsonValue;
  readonly metadata?: FlagMetadata;
}

/** A flagd flag file: flags, shared `$evaluators` for `$ref`, and flag-set metadata. */
export interface FlagFile {
  readonly flags: Readonly<Record<string, FlagDefinition>>;
  readonly $evaluators?: Readonly<Record<string, JsonValue>>;
  readonly metadata?: FlagMetadata;
}

/** A problem found in a flag file, naming the flag (null at file level) and the field. */
export interface FlagFileIssue {
  readonly flag: string | null;
  /** JSON-pointer-like path inside the flag (or the file), e.g. `state`, `variants/on`. */
  readonly field: string;
  readonly message: string;
}

/** `flag "x", field "state": must be …` — the one rendering of an issue for people. */
export function formatFlagFileIssue(issue: FlagFileIssue): string {
  const where = issue.flag === null ? '' : `flag "${issue.flag}", `;
  return `${where}field "${issue.field}": ${issue.message}`;
}

/** Array.isArray does not narrow readonly arrays out of a union; this does. */
export function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}
