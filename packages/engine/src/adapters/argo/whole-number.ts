import { SlipwayError } from '@slipway/core';

/** Argo's counts, seconds and replicas are whole numbers from 0 (int32 in its CRDs). */
export function wholeNumber(value: number, subject: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `${subject} ${value}: a whole number from 0 is needed`,
      {
        subject,
      },
    );
  }
  return value;
}
