import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileFlagSet } from './compile-flag-set.js';
import type { FlagFileIssue } from './flag-types.js';
import { flagsSchema } from './flagd-schemas/flags-schema.js';
import { targetingSchema } from './flagd-schemas/targeting-schema.js';

export interface FlagFileValidation {
  readonly valid: boolean;
  readonly issues: readonly FlagFileIssue[];
}

export interface ValidateFlagFileOptions {
  /**
   * `provider` (default): the schema for files read by providers and Slipway, flags as a map.
   * `flagd`: the flagd daemon's superset, which also takes flags as an array.
   */
  readonly format?: 'provider' | 'flagd';
}

interface Validators {
  readonly provider: ValidateFunction;
  readonly flagd: ValidateFunction;
  readonly targeting: ValidateFunction;
}

let validators: Validators | undefined;

/** Compiled on first use: loading core must not pay for the schemas. */
function getValidators(): Validators {
  if (validators !== undefined) return validators;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(targetingSchema);
  ajv.addSchema(flagsSchema);
  validators = {
    provider: ajv.compile({ $ref: `${flagsSchema.$id}#/definitions/providerConfig` }),
    flagd: ajv.compile({ $ref: `${flagsSchema.$id}#/definitions/flagdConfig` }),
    targeting: ajv.compile({ $ref: targetingSchema.$id }),
  };
  return validators;
}

/**
 * Validates a parsed flag file against the flagd schemas (vendored from flagd-schemas), then
 * checks what the schema cannot: the default variant names a variant, every `$ref` names an
 * evaluator, every operator exists. Each issue names the flag and the field.
 */
export function validateFlagFile(
  file: unknown,
  options: ValidateFlagFileOptions = {},
): FlagFileValidation {
  const validate = getValidators()[options.format ?? 'provider'];
  const schemaIssues = validate(file) ? [] : toIssues(validate.errors ?? []);
  const compileIssues = compileFlagSet(file).issues;
  const issues = [...schemaIssues];
  for (const issue of compileIssues) {
    const known = issues.some(
      (seen) => seen.flag === issue.flag && seen.field.startsWith(issue.field),
    );
    if (!known) issues.push(issue);
  }
  return { valid: issues.length === 0, issues };
}

/** Validates one targeting rule against flagd's targeting schema. */
export function validateTargetingRule(rule: unknown): FlagFileValidation {
  const validate = getValidators().targeting;
  if (validate(rule)) return { valid: true, issues: [] };
  const issues = toIssues(validate.errors ?? [], 'targeting');
  return { valid: false, issues };
}

function splitPath(
  instancePath: string,
  prefix: string | undefined,
): { flag: string | null; field: string } {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (prefix !== undefined) return { flag: null, field: [prefix, ...segments].join('/') };
  if (segments[0] === 'flags' && segments.length >= 2) {
    return { flag: segments[1] as string, field: segments.slice(2).join('/') };
  }
  return { flag: null, field: segments.join('/') };
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return `unknown property "${String(params['additionalProperty'])}"`;
  }
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum') {
    return `${error.message ?? 'invalid'}: ${JSON.stringify(params['allowedValues'])}`;
  }
  return error.message ?? error.keyword;
}

const combinators = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not']);
/** Errors from one branch of the flag schema's anyOf over the four variant types. */
const variantTypeBranch = /\/definitions\/(boolean|number|string|object)Variants\//;

interface LocatedError {
  readonly error: ErrorObject;
  readonly flag: string | null;
  readonly field: string;
}

function locate(error: ErrorObject, prefix: string | undefined): LocatedError {
  const { flag, field } = splitPath(error.instancePath, prefix);
  if (error.keyword !== 'required') return { error, flag, field };
  const missing = String((error.params as Record<string, unknown>)['missingProperty']);
  return { error, flag, field: field === '' ? missing : `${field}/${missing}` };
}

/**
 * Ajv reports every branch of the schemas' anyOf/oneOf (one per variant type, one per
 * operator), so the raw list is long and partly contradictory. Per flag, keep what explains
 * the failure: variant-type branches only when nothing else failed (then one line: mixed
 * types), no combinator summaries, and only the deepest paths, their messages joined.
 */
function toIssues(errors: readonly ErrorObject[], prefix?: string): FlagFileIssue[] {
  const located = errors
    .filter((error) => !combinators.has(error.keyword))
    .map((error) => locate(error, prefix));
  const byFlag = new Map<string | null, LocatedError[]>();
  for (const entry of located) byFlag.set(entry.flag, [...(byFlag.get(entry.flag) ?? []), entry]);
  const issues: FlagFileIssue[] = [];
  for (const [flag, entries] of byFlag) {
    const branchErrors = entries.filter((entry) => variantTypeBranch.test(entry.error.schemaPath));
    const otherErrors = entries.filter((entry) => !branchErrors.includes(entry));
    if (otherErrors.length === 0 && branchErrors.length > 0) {
      issues.push({
        flag,
        field: 'variants',
        message: 'variants must be all booleans, all numbers, all strings or all objects',
      });
      continue;
    }
    const deepest = otherErrors.filter(
      (entry) =>
        !otherErrors.some(
          (other) =>
            other.field.startsWith(entry.field === '' ? '' : `${entry.field}/`) &&
            other.field !== entry.field,
        ),
    );
    const messages = new Map<string, string[]>();
    for (const entry of deepest) {
      const list = messages.get(entry.field) ?? [];
      const message = describe(entry.error);
      if (!list.includes(message)) list.push(message);
      messages.set(entry.field, list);
    }
    for (const [field, list] of messages) issues.push({ flag, field, message: list.join('; or ') });
  }
  return issues;
}
