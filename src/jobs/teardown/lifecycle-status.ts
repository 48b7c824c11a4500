/**
 * Where a cohort is in its life: upcoming (before its first day), in session (first day to the end of the last),
 * ended (access over, resources still kept), teardown due (`end + teardownAfterDays`: the teardown pull request
 * opens), and overdue (still not torn down two days after that: the pull request waits for a reviewer).
 */
import { accessEnd, accessStart, type CohortSchedule, teardownDue } from '../../cohort/lifecycle.ts';
import { addDays } from '../../cohort/time.ts';

export type LifecycleStatus = 'upcoming' | 'in-session' | 'ended' | 'teardown-due' | 'overdue';

/** Days a due teardown may wait for its pull request to be merged before it is overdue. */
export const OVERDUE_AFTER_DAYS = 2;

export interface LifecycleDates {
  readonly start: Date;
  readonly end: Date;
  readonly due: Date;
  readonly overdue: Date;
}

export function lifecycleDates(cohort: CohortSchedule): LifecycleDates {
  const due = teardownDue(cohort);
  return { start: accessStart(cohort), end: accessEnd(cohort), due, overdue: addDays(due, OVERDUE_AFTER_DAYS) };
}

export function lifecycleStatus(dates: LifecycleDates, now: Date): LifecycleStatus {
  const t = now.getTime();
  if (t < dates.start.getTime()) return 'upcoming';
  if (t <= dates.end.getTime()) return 'in-session';
  if (t < dates.due.getTime()) return 'ended';
  if (t < dates.overdue.getTime()) return 'teardown-due';
  return 'overdue';
}

export function isTeardownDue(status: LifecycleStatus): boolean {
  return status === 'teardown-due' || status === 'overdue';
}
