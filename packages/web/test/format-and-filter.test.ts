import { describe, expect, it } from 'vitest';
import { queryString } from '../src/api/api-client.js';
import { ledgerQueryOf } from '../src/audit/ledger-filter.js';
import { formatAge, formatDuration, shortDigest } from '../src/format/format-time.js';

describe('formatting', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('gives short ages', () => {
    expect(formatAge('2026-11-23T11:00:00.000Z', now)).toBe('3d');
    expect(formatAge('2026-11-26T07:30:00.000Z', now)).toBe('4h');
    expect(formatAge('2026-11-26T11:48:00.000Z', now)).toBe('12m');
    expect(formatAge('2026-11-26T12:00:30.000Z', now)).toBe('now');
  });

  it('gives durations in hours under two days, days above', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(90 * 60_000)).toBe('1.5h');
    expect(formatDuration(12 * 60_000 + 10_000)).toBe('12m');
    expect(formatDuration(3 * 86_400_000)).toBe('3.0d');
  });

  it('shortens digests to twelve hex digits', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab');
    expect(shortDigest('0123456789abcdef')).toBe('0123456789ab');
  });
});

describe('ledger filter', () => {
  it('sends only the fields given, times in UTC', () => {
    expect(
      ledgerQueryOf(
        { subject: ' service:api ', type: '', actor: '', since: '2026-11-01T09:30', until: '' },
        100,
      ),
    ).toEqual({
      subject: 'service:api',
      since: '2026-11-01T09:30:00Z',
      limit: 100,
    });
    expect(queryString({ subject: 'service:api', type: undefined, limit: 5, after: '' })).toBe(
      '?subject=service%3Aapi&limit=5',
    );
  });
});
