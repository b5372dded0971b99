import type { LedgerQuery } from '../api/api-client.js';

export interface LedgerFilter {
  readonly subject: string;
  readonly type: string;
  readonly actor: string;
  /** `datetime-local` values (`2026-11-26T15:04`), read as UTC. */
  readonly since: string;
  readonly until: string;
}

export const emptyLedgerFilter: LedgerFilter = {
  subject: '',
  type: '',
  actor: '',
  since: '',
  until: '',
};

/** The API query of a filter form: empty fields are left out, times become ISO 8601 in UTC. */
export function ledgerQueryOf(filter: LedgerFilter, limit: number, after?: number): LedgerQuery {
  return {
    ...nonEmpty('subject', filter.subject),
    ...nonEmpty('type', filter.type),
    ...nonEmpty('actor', filter.actor),
    ...nonEmpty('since', utcOf(filter.since)),
    ...nonEmpty('until', utcOf(filter.until)),
    limit,
    ...(after === undefined ? {} : { after }),
  };
}

function nonEmpty<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed === '' ? {} : ({ [key]: trimmed } as Record<K, string>);
}

function utcOf(local: string): string {
  if (local.trim() === '') return '';
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}Z`;
}
