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
  if (!PLAIN_DATE.test(end)) return addDays(new Date(end), teardownAfterDays);
  const [y, m, d] = end.split('-').map(Number) as [number, number, number];
  const later = new Date(Date.UTC(y, m - 1, d + teardownAfterDays)).toISOString().slice(0, 10);
  return toInstant(later, timezone, { endOfDay: true });
}
