/**
 * When a cohort's access starts and ends and when its teardown is due, as instants. Plain dates are whole days in
 * the cohort's time zone; date-times with an offset are taken as written.
 */
import { addDays, PLAIN_DATE, toInstant } from './time.ts';

export interface CohortSchedule {
  readonly schedule: {
    readonly start: string;
    readonly end: string;
    readonly timezone: string;
    readonly teardownAfterDays: number;
  };
}

/** Start of the first day (or the given date-time). */
export function accessStart(cohort: CohortSchedule): Date {
  return toInstant(cohort.schedule.start, cohort.schedule.timezone);
}

/** End of the last day in the cohort's time zone (23:59:59.999 local), or the given date-time. */
export function accessEnd(cohort: CohortSchedule): Date {
  return toInstant(cohort.schedule.end, cohort.schedule.timezone, { endOfDay: true });
}

/**
 * When the cohort's resources are due for teardown: `teardownAfterDays` after the end. For a plain date that is
 * the end of the local day that many calendar days later, so a daylight-saving change in between shifts nothing.
 */
export function teardownDue(cohort: CohortSchedule): Date {
  const { end, timezone, teardownAfterDays } = cohort.schedule;
  return calendarDaysFrom(end, timezone, teardownAfterDays, { endOfDay: true });
}

/**
 * `days` calendar days from a cohort date: for a plain date, the start (or end) of that local day, so a
 * daylight-saving change in between shifts nothing; a date-time with an offset moves by whole 24-hour days.
 */
export function calendarDaysFrom(
  value: string,
  timezone: string,
  days: number,
  options: { endOfDay?: boolean } = {},
): Date {
  if (!PLAIN_DATE.test(value)) return addDays(new Date(value), days);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  return toInstant(moved, timezone, options);
}
