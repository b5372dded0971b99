import type { FlagDefinition, FlagFile, JsonValue } from '@slipway/core';
import { SlipwayError, formatFlagFileIssue, validateFlagFile } from '@slipway/core';
import type { FlagPatch } from './flag-record.js';

/** The definition after a patch: fields not given stay; null targeting removes the rule. */
export function applyFlagPatch(
  key: string,
  before: FlagDefinition | undefined,
  patch: FlagPatch,
): FlagDefinition {
  const state = patch.state ?? before?.state;
  const variants = patch.variants ?? before?.variants;
  if (state === undefined || variants === undefined) {
    throw new SlipwayError('USAGE', `flag ${key} is new: its state and variants are needed`, {
      subject: state === undefined ? 'state' : 'variants',
    });
  }
  const defaultVariant =
    patch.defaultVariant === undefined ? before?.defaultVariant : patch.defaultVariant;
  const targeting = patch.targeting === undefined ? before?.targeting : patch.targeting;
  const metadata = patch.metadata ?? before?.metadata;
  return {
    state,
    variants,
    ...(defaultVariant === undefined ? {} : { defaultVariant }),
    ...(targeting === undefined || targeting === null ? {} : { targeting }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

/**
 * Validates one flag as flagd would read it in its environment's file (with the shared
 * evaluators its `$ref`s name); refused with every issue, naming flag and field.
 */
export function checkFlagDefinition(
  key: string,
  definition: FlagDefinition,
  evaluators: Readonly<Record<string, JsonValue>>,
): void {
  const file: FlagFile = {
    flags: { [key]: definition },
    ...(Object.keys(evaluators).length === 0 ? {} : { $evaluators: evaluators }),
  };
  checkFlagFile(file, `flag ${key}`);
}

/** Refuses a flag file the flagd schemas (or the engine) reject, listing every issue. */
export function checkFlagFile(file: unknown, what: string): asserts file is FlagFile {
  const validation = validateFlagFile(file);
  if (validation.valid) return;
  const first = validation.issues[0];
  throw new SlipwayError(
    'CONFIG_INVALID',
    `${what} is not a valid flagd flag definition: ${validation.issues.map(formatFlagFileIssue).join('; ')}`,
    {
      subject:
        first === undefined ? 'flags' : [first.flag ?? '', first.field].filter(Boolean).join('.'),
    },
  );
}
