/** Crawls run for cohorts in session: from one day before the start (data loaded ahead of day one) to the end. */
import { accessEnd, type CohortSchedule, calendarDaysFrom } from '../../cohort/lifecycle.ts';

export const LEAD_DAYS = 1;

export function crawlWindow(cohort: CohortSchedule): { from: Date; to: Date } {
  const { start, timezone } = cohort.schedule;
  // The start of the local day before: a calendar day, not 24 hours, across daylight-saving changes.
  return { from: calendarDaysFrom(start, timezone, -LEAD_DAYS), to: accessEnd(cohort) };
}

export function inCrawlWindow(cohort: CohortSchedule, now: Date): boolean {
  const { from, to } = crawlWindow(cohort);
  return now.getTime() >= from.getTime() && now.getTime() <= to.getTime();
}
