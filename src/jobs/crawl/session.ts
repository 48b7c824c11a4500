/** Crawls run for cohorts in session: from one day before the start (data loaded ahead of day one) to the end. */
import { accessEnd, accessStart, type CohortSchedule } from '../../cohort/lifecycle.ts';
import { addDays } from '../../cohort/time.ts';

export const LEAD_DAYS = 1;

export function crawlWindow(cohort: CohortSchedule): { from: Date; to: Date } {
  return { from: addDays(accessStart(cohort), -LEAD_DAYS), to: accessEnd(cohort) };
}

export function inCrawlWindow(cohort: CohortSchedule, now: Date): boolean {
  const { from, to } = crawlWindow(cohort);
  return now.getTime() >= from.getTime() && now.getTime() <= to.getTime();
}
