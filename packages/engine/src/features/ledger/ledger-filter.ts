import { SlipwayError } from '@slipway/core';
import type { LedgerQuery } from './ledger-event.js';
import type { LedgerFilter } from './ledger-store.js';

export const defaultLedgerPageLimit = 100;
export const maxLedgerPageLimit = 1_000;

/** Validates a query and fills in its bounds; times become the stored ISO form. */
export function ledgerFilterFor(query: LedgerQuery): LedgerFilter {
  const limit = query.limit ?? defaultLedgerPageLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLedgerPageLimit) {
    throw new SlipwayError('USAGE', `limit must be 1 to ${maxLedgerPageLimit}, got ${limit}`, {
      subject: 'limit',
    });
  }
  const after = query.after ?? 0;
  if (!Number.isInteger(after) || after < 0) {
    throw new SlipwayError('USAGE', `after must be a sequence (0 or more), got ${after}`, {
      subject: 'after',
    });
  }
  return {
    after,
    limit,
    ...(query.subject === undefined ? {} : { subject: query.subject }),
    ...(query.type === undefined ? {} : { type: query.type }),
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.since === undefined ? {} : { since: isoTime(query.since, 'since') }),
    ...(query.until === undefined ? {} : { until: isoTime(query.until, 'until') }),
  };
}

/** Accepts any ISO 8601 date or date-time; stored times compare as text in this exact form. */
export function isoTime(value: string, name: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    throw new SlipwayError('USAGE', `${name} is not an ISO 8601 date or time: ${value}`, {
      subject: name,
    });
  }
  return parsed.toISOString();
}
