import type { SlipwayErrorCode } from '@slipway/core';

/** Documented in the README; scripts depend on them. */
export const ExitCode = {
  success: 0,
  failure: 1,
  usage: 2,
  nothingToRelease: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const byCode: Partial<Record<SlipwayErrorCode, ExitCodeValue>> = {
  USAGE: ExitCode.usage,
  CONFIG_INVALID: ExitCode.usage,
  VERSION_INVALID: ExitCode.usage,
  NOTHING_TO_RELEASE: ExitCode.nothingToRelease,
};

export function exitCodeFor(code: SlipwayErrorCode): ExitCodeValue {
  return byCode[code] ?? ExitCode.failure;
}
