/**
 * The days a cohort costs money, as local calendar dates in the cohort's time zone: session days (start to end,
 * inclusive) and the wider span in which its resources exist (provisioned before start, torn down after end).
 * Days are attributed to the calendar month of their local date; AWS bills by UTC month, so a few hours at a month
 * boundary may land in the neighbouring bill.
 */
import type { ResolvedCohort } from '../cohort/schema.ts';
import { DAY_MS, localDate, toInstant } from '../cohort/time.ts';

export interface CostDay {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  /** YYYY-MM of the local date. */
  readonly month: string;
  /** Days since the stack was provisioned (0 = provisioning day). */
  readonly index: number;
  /** A workshop day on which students work. */
  readonly session: boolean;
  readonly daysInMonth: number;
}

export interface CohortCalendar {
  /** Every day the cohort's resources exist, in order. */
  readonly days: readonly CostDay[];
  readonly sessionDays: number;
  /** Index of the first session day in `days`. */
  readonly firstSessionIndex: number;
  readonly months: readonly string[];
}

function dateToUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function cohortCalendar(
  schedule: ResolvedCohort['schedule'],
  provisionedDaysBeforeStart: number,
): CohortCalendar {
  const zone = schedule.timezone;
  const firstSession = dateToUtcMs(localDate(toInstant(schedule.start, zone), zone));
  const lastSession = dateToUtcMs(localDate(toInstant(schedule.end, zone, { endOfDay: true }), zone));
  const first = firstSession - provisionedDaysBeforeStart * DAY_MS;
  const last = lastSession + schedule.teardownAfterDays * DAY_MS;
  const days: CostDay[] = [];
  for (let ms = first, index = 0; ms <= last; ms += DAY_MS, index++) {
    const date = utcMsToDate(ms);
    const month = date.slice(0, 7);
    days.push({
      date,
      month,
      index,
      session: ms >= firstSession && ms <= lastSession,
      daysInMonth: daysInMonth(month),
    });
  }
  return {
    days,
    sessionDays: Math.round((lastSession - firstSession) / DAY_MS) + 1,
    firstSessionIndex: provisionedDaysBeforeStart,
    months: [...new Set(days.map((d) => d.month))],
  };
}
