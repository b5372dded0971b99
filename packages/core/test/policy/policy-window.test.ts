import { describe, expect, it } from 'vitest';
import { wallClock, windowContains, windowProblems } from '@slipway/core';
import type { PolicyWindow } from '@slipway/core';

const weekendBerlin: PolicyWindow = {
  kind: 'weekly',
  from: { day: 'fri', time: '18:00' },
  to: { day: 'mon', time: '08:00' },
  timeZone: 'Europe/Berlin',
};
const earlySundayNewYork: PolicyWindow = {
  kind: 'weekly',
  from: { day: 'sun', time: '01:00' },
  to: { day: 'sun', time: '04:00' },
  timeZone: 'America/New_York',
};
const repeatedHourNewYork: PolicyWindow = {
  kind: 'weekly',
  from: { day: 'sun', time: '01:00' },
  to: { day: 'sun', time: '02:00' },
  timeZone: 'America/New_York',
};
const yearEndBerlin: PolicyWindow = {
  kind: 'dates',
  from: '2026-12-20',
  to: '2027-01-04',
  timeZone: 'Europe/Berlin',
};
const autumnNightBerlin: PolicyWindow = {
  kind: 'dates',
  from: '2026-10-25T00:00',
  to: '2026-10-25T02:30',
  timeZone: 'Europe/Berlin',
};
const springNightBerlin: PolicyWindow = {
  kind: 'dates',
  from: '2026-03-29T02:30',
  to: '2026-03-29T05:00',
  timeZone: 'Europe/Berlin',
};
const workdayKolkata: PolicyWindow = {
  kind: 'weekly',
  from: { day: 'mon', time: '09:00' },
  to: { day: 'mon', time: '17:30' },
  timeZone: 'Asia/Kolkata',
};
const sydneyNewYear: PolicyWindow = {
  kind: 'dates',
  from: '2027-01-01',
  to: '2027-01-02',
  timeZone: 'Australia/Sydney',
};

// Each row: a window, an instant, whether the window contains it, and why the row is there.
const rows: readonly [PolicyWindow, string, boolean, string][] = [
  [weekendBerlin, '2026-11-27T16:59:59Z', false, 'Friday 17:59:59 CET, one second before'],
  [weekendBerlin, '2026-11-27T17:00:00Z', true, 'Friday 18:00 CET, the first instant'],
  [weekendBerlin, '2026-11-29T12:00:00Z', true, 'Sunday noon, across the week wrap'],
  [weekendBerlin, '2026-11-30T06:59:59Z', true, 'Monday 07:59:59 CET, the last second'],
  [weekendBerlin, '2026-11-30T07:00:00Z', false, 'Monday 08:00 CET, end is exclusive'],
  [weekendBerlin, '2026-06-26T16:00:00Z', true, 'Friday 18:00 CEST: summer offset'],
  [weekendBerlin, '2026-06-26T15:59:59Z', false, 'Friday 17:59:59 CEST'],
  [weekendBerlin, '2026-10-23T16:00:00Z', true, 'Friday 18:00 CEST before the autumn change'],
  [weekendBerlin, '2026-10-26T07:00:00Z', false, 'Monday 08:00 CET after the autumn change'],
  [weekendBerlin, '2026-10-26T06:59:59Z', true, 'Monday 07:59:59 CET after the autumn change'],
  [earlySundayNewYork, '2026-03-08T05:59:59Z', false, '00:59:59 EST on the spring-forward day'],
  [earlySundayNewYork, '2026-03-08T06:00:00Z', true, '01:00 EST'],
  [earlySundayNewYork, '2026-03-08T06:59:59Z', true, '01:59:59 EST, just before the gap'],
  [earlySundayNewYork, '2026-03-08T07:00:00Z', true, '03:00 EDT, just after the gap'],
  [earlySundayNewYork, '2026-03-08T07:59:59Z', true, '03:59:59 EDT: two elapsed hours in all'],
  [earlySundayNewYork, '2026-03-08T08:00:00Z', false, '04:00 EDT'],
  [repeatedHourNewYork, '2026-11-01T05:00:00Z', true, '01:00 EDT, first pass of the hour'],
  [repeatedHourNewYork, '2026-11-01T06:00:00Z', true, '01:00 EST, the hour repeats'],
  [repeatedHourNewYork, '2026-11-01T06:59:59Z', true, '01:59:59 EST, the last second'],
  [repeatedHourNewYork, '2026-11-01T07:00:00Z', false, '02:00 EST'],
  [yearEndBerlin, '2026-12-19T22:59:59Z', false, '23:59:59 CET the day before'],
  [yearEndBerlin, '2026-12-19T23:00:00Z', true, 'local midnight of the first day'],
  [yearEndBerlin, '2027-01-03T22:59:59Z', true, 'the last second before the end date'],
  [yearEndBerlin, '2027-01-03T23:00:00Z', false, 'local midnight of the end date'],
  [autumnNightBerlin, '2026-10-25T00:15:00Z', true, '02:15 CEST, first pass'],
  [autumnNightBerlin, '2026-10-25T00:45:00Z', false, '02:45 CEST'],
  [autumnNightBerlin, '2026-10-25T01:15:00Z', true, '02:15 CET: the wall clock shows it again'],
  [autumnNightBerlin, '2026-10-25T01:30:00Z', false, '02:30 CET'],
  [springNightBerlin, '2026-03-29T00:59:59Z', false, '01:59:59 CET before the gap'],
  [
    springNightBerlin,
    '2026-03-29T01:00:00Z',
    true,
    '03:00 CEST: a start inside the gap opens here',
  ],
  [springNightBerlin, '2026-03-29T02:59:59Z', true, '04:59:59 CEST'],
  [springNightBerlin, '2026-03-29T03:00:00Z', false, '05:00 CEST'],
  [workdayKolkata, '2026-11-23T03:29:59Z', false, 'Monday 08:59:59 IST (+05:30)'],
  [workdayKolkata, '2026-11-23T03:30:00Z', true, 'Monday 09:00 IST'],
  [workdayKolkata, '2026-11-23T11:59:59Z', true, 'Monday 17:29:59 IST'],
  [workdayKolkata, '2026-11-23T12:00:00Z', false, 'Monday 17:30 IST'],
  [sydneyNewYear, '2026-12-31T12:59:59Z', false, '23:59:59 AEDT on New Year’s Eve'],
  [sydneyNewYear, '2026-12-31T13:00:00Z', true, 'midnight AEDT: still 2026 in UTC'],
  [sydneyNewYear, '2027-01-01T12:59:59Z', true, '23:59:59 AEDT on New Year’s Day'],
  [sydneyNewYear, '2027-01-01T13:00:00Z', false, 'midnight AEDT on 2 January'],
];

describe('windowContains', () => {
  it.each(rows)('%j at %s → %s (%s)', (window, at, expected) => {
    expect(windowContains(window, new Date(at))).toBe(expected);
  });
});

describe('wallClock', () => {
  it('reads the zone’s wall clock and the second of the week', () => {
    expect(wallClock(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual({
      dateTime: '2026-03-08T03:00:00',
      weekday: 'sun',
      secondOfWeek: 6 * 86_400 + 3 * 3_600,
    });
  });

  it('shows midnight as 00, not 24', () => {
    expect(wallClock(new Date('2026-12-19T23:00:00Z'), 'Europe/Berlin').dateTime).toBe(
      '2026-12-20T00:00:00',
    );
  });
});

describe('windowProblems', () => {
  it('accepts a well-formed window', () => {
    expect(windowProblems(weekendBerlin, 'freezeWindows[0]')).toEqual([]);
    expect(windowProblems(yearEndBerlin, 'freezeWindows[1]')).toEqual([]);
  });

  it('names every malformed field', () => {
    expect(
      windowProblems(
        { kind: 'dates', from: '2026-13', to: '2026-01-01', timeZone: 'Mars/Olympus' },
        'freezeWindows[0]',
      ),
    ).toEqual([
      'freezeWindows[0].timeZone: unknown IANA time zone "Mars/Olympus"',
      'freezeWindows[0].from: "2026-13" is not YYYY-MM-DD[THH:MM]',
    ]);
    expect(
      windowProblems(
        {
          kind: 'weekly',
          from: { day: 'fri', time: '24:00' },
          to: { day: 'mon', time: '8:00' },
          timeZone: 'UTC',
        },
        'deployWindows[2]',
      ),
    ).toEqual([
      'deployWindows[2].from.time: "24:00" is not HH:MM (24-hour)',
      'deployWindows[2].to.time: "8:00" is not HH:MM (24-hour)',
    ]);
  });

  it('refuses a date range that ends before it starts, and an empty weekly window', () => {
    expect(
      windowProblems({ kind: 'dates', from: '2026-02-01', to: '2026-01-01', timeZone: 'UTC' }, 'w'),
    ).toEqual(['w: from 2026-02-01 must come before to 2026-01-01']);
    expect(
      windowProblems(
        {
          kind: 'weekly',
          from: { day: 'fri', time: '18:00' },
          to: { day: 'fri', time: '18:00' },
          timeZone: 'UTC',
        },
        'w',
      ),
    ).toEqual(['w: from and to are the same point of the week']);
  });
});
