/**
 * The period the cost report covers: the current calendar month in UTC, from its first day up to today. AWS bills,
 * budgets and Cost Explorer days are all UTC, so the cohort's own time zone plays no part here.
 */

import { DAY_MS } from '../../cohort/time.ts';
import { daysInMonth } from '../../cost/cohort-calendar.ts';

export interface MonthToDate {
  /** YYYY-MM. */
  readonly month: string;
  /** First day of the month, YYYY-MM-DD. */
  readonly start: string;
  /** Today (UTC), YYYY-MM-DD: the last day reported. */
  readonly today: string;
  /** Tomorrow: Cost Explorer's end date is exclusive, so today's partial costs are included. */
  readonly endExclusive: string;
  /** Every day from `start` to `today`. */
  readonly days: readonly string[];
  readonly daysInMonth: number;
  /** Midnight UTC of the first day, for the query and job-run histories. */
  readonly since: Date;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function monthToDate(now: Date): MonthToDate {
  const since = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const todayMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days: string[] = [];
  for (let ms = since; ms <= todayMs; ms += DAY_MS) days.push(isoDay(ms));
  const month = isoDay(since).slice(0, 7);
  return {
    month,
    start: isoDay(since),
    today: isoDay(todayMs),
    endExclusive: isoDay(todayMs + DAY_MS),
    days,
    daysInMonth: daysInMonth(month),
    since: new Date(since),
  };
}
