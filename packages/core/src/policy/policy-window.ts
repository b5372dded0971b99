import type { PolicyWindow, Weekday, WeeklyPoint } from './policy-types.js';
import { weekdays } from './policy-types.js';

/** What the clocks on the wall show in a zone at an instant. */
export interface WallClock {
  /** `YYYY-MM-DDTHH:MM:SS`: compares as a string. */
  readonly dateTime: string;
  readonly weekday: Weekday;
  /** Seconds since Monday 00:00:00. */
  readonly secondOfWeek: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** False when the runtime's time-zone database does not know the name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset rules come from the runtime's ICU data; no arithmetic on offsets here. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const weekday = (parts['weekday'] ?? '').toLowerCase() as Weekday;
  const hour = Number(parts['hour']);
  const minute = Number(parts['minute']);
  const second = Number(parts['second']);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    dateTime: `${parts['year']}-${parts['month']}-${parts['day']}T${pad(hour)}:${pad(minute)}:${pad(second)}`,
    weekday,
    secondOfWeek: weekdays.indexOf(weekday) * 86_400 + hour * 3_600 + minute * 60 + second,
  };
}

const localDate = /^\d{4}-\d{2}-\d{2}$/;
const localMinute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localSecond = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `YYYY-MM-DD[THH:MM[:SS]]` as a comparable `YYYY-MM-DDTHH:MM:SS`, or null when malformed. */
export function normalizeLocalDateTime(value: string): string | null {
  if (localDate.test(value)) return `${value}T00:00:00`;
  if (localMinute.test(value)) return `${value}:00`;
  if (localSecond.test(value)) return value;
  return null;
}

function secondOfWeek(point: WeeklyPoint): number {
  const [hours, minutes] = point.time.split(':').map(Number);
  return weekdays.indexOf(point.day) * 86_400 + (hours ?? 0) * 3_600 + (minutes ?? 0) * 60;
}

/** Every problem of a window, named by field, so a config error says what to fix. */
export function windowProblems(window: PolicyWindow, field: string): string[] {
  const problems: string[] = [];
  if (!isKnownTimeZone(window.timeZone)) {
    problems.push(`${field}.timeZone: unknown IANA time zone "${window.timeZone}"`);
  }
  if (window.kind === 'dates') {
    const from = normalizeLocalDateTime(window.from);
    const to = normalizeLocalDateTime(window.to);
    if (from === null) problems.push(`${field}.from: "${window.from}" is not YYYY-MM-DD[THH:MM]`);
    if (to === null) problems.push(`${field}.to: "${window.to}" is not YYYY-MM-DD[THH:MM]`);
    if (from !== null && to !== null && from >= to) {
      problems.push(`${field}: from ${window.from} must come before to ${window.to}`);
    }
  } else {
    for (const end of ['from', 'to'] as const) {
      const point = window[end];
      if (!weekdays.includes(point.day)) {
        problems.push(`${field}.${end}.day: "${point.day}" is not one of ${weekdays.join(', ')}`);
      }
      if (!clockTime.test(point.time)) {
        problems.push(`${field}.${end}.time: "${point.time}" is not HH:MM (24-hour)`);
      }
    }
    if (problems.length === 0 && secondOfWeek(window.from) === secondOfWeek(window.to)) {
      problems.push(`${field}: from and to are the same point of the week`);
    }
  }
  return problems;
}

/** Whether the instant falls inside the window (start inclusive, end exclusive). */
export function windowContains(window: PolicyWindow, at: Date): boolean {
  const clock = wallClock(at, window.timeZone);
  if (window.kind === 'dates') {
    const from = normalizeLocalDateTime(window.from);
    const to = normalizeLocalDateTime(window.to);
    return from !== null && to !== null && from <= clock.dateTime && clock.dateTime < to;
  }
  const from = secondOfWeek(window.from);
  const to = secondOfWeek(window.to);
  const t = clock.secondOfWeek;
  // A window that wraps past Sunday midnight is the union of its two ends.
  return from < to ? from <= t && t < to : t >= from || t < to;
}

/** How a window reads in a reason: its name, or its span. */
export function describeWindow(window: PolicyWindow): string {
  const span =
    window.kind === 'dates'
      ? `${window.from} to ${window.to} ${window.timeZone}`
      : `${window.from.day} ${window.from.time} to ${window.to.day} ${window.to.time} ${window.timeZone}`;
  return window.name === undefined ? span : `"${window.name}" (${span})`;
}
