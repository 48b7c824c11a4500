/**
 * Cohort dates are either plain dates (YYYY-MM-DD, read in the cohort's time zone) or ISO date-times with an offset.
 * Everything downstream works with instants (Date), computed here once.
 */
export const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Building a formatter is costly (synthesis asks for the same zones thousands of times): one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `zone`, to the second. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function wallClock(instant: Date, zone: string): WallClock {
  const parts = formatterFor(zone).formatToParts(instant);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** `2026-12-09`: the date of `instant` in `zone`. */
export function localDate(instant: Date, zone: string): string {
  const { year, month, day } = wallClock(instant, zone);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** `2026-12-09 23:59 Asia/Seoul`: an instant as the cohort's people read it. */
export function localTime(instant: Date, zone: string): string {
  const { hour, minute } = wallClock(instant, zone);
  return `${localDate(instant, zone)} ${twoDigits(hour)}:${twoDigits(minute)} ${zone}`;
}

/** Offset of `zone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(instant: number, zone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(new Date(instant), zone);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall-clock time `y-m-d h:mi:s.ms` occurs in `zone`. */
function wallClockToInstant(wall: number, zone: string): number {
  // Two passes settle the offset across DST transitions.
  let guess = wall - zoneOffsetMs(wall, zone);
  guess = wall - zoneOffsetMs(guess, zone);
  return guess;
}

/**
 * The instant a cohort date stands for. Plain dates mean the start of that day in `zone`, or with `endOfDay`
 * the last millisecond of it (a cohort "ending 2026-12-09" runs through that whole day).
 */
export function toInstant(value: string, zone: string, options: { endOfDay?: boolean } = {}): Date {
  if (!PLAIN_DATE.test(value)) return new Date(value);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const wall = options.endOfDay ? Date.UTC(y, m - 1, d + 1) - 1 : Date.UTC(y, m - 1, d);
  return new Date(wallClockToInstant(wall, zone));
}

export const DAY_MS = 86_400_000;

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
