/**
 * What the instructors are told as a cohort ends, each notice once: three days and one day before access ends and
 * before teardown is due (each in a window that closes at the next one, so a run missed by the schedule still sends
 * the notice a day later, and a notice whose moment has passed is never sent late), when the teardown pull request
 * opens, and when teardown is overdue.
 */
import { DAY_MS, localTime } from '../../cohort/time.ts';
import type { LifecycleDates, LifecycleStatus } from './lifecycle-status.ts';
import { isTeardownDue } from './lifecycle-status.ts';

export type NoticeKey = 'end-3d' | 'end-1d' | 'due-3d' | 'due-1d' | 'teardown-pr' | 'overdue';

export interface Notice {
  readonly key: NoticeKey;
  /** One line: the alert's title and the comment's first sentence. */
  readonly title: string;
  readonly detail: string;
}

interface Window {
  readonly key: NoticeKey;
  readonly from: Date;
  readonly to: Date;
}

function windows(dates: LifecycleDates): Window[] {
  const before = (instant: Date, days: number) => new Date(instant.getTime() - days * DAY_MS);
  return [
    { key: 'end-3d', from: before(dates.end, 3), to: before(dates.end, 1) },
    { key: 'end-1d', from: before(dates.end, 1), to: dates.end },
    { key: 'due-3d', from: before(dates.due, 3), to: before(dates.due, 1) },
    { key: 'due-1d', from: before(dates.due, 1), to: dates.due },
  ];
}

export interface NoticeContext {
  readonly cohortId: string;
  readonly timeZone: string;
  readonly dates: LifecycleDates;
  readonly status: LifecycleStatus;
  /** The open teardown pull request, when there is one (the notices link it). */
  readonly pull?: { readonly number: number; readonly url?: string | undefined } | undefined;
}

function text(key: NoticeKey, context: NoticeContext): Notice {
  const { cohortId, dates, timeZone, pull } = context;
  const end = localTime(dates.end, timeZone);
  const due = localTime(dates.due, timeZone);
  const pr =
    pull === undefined
      ? 'the teardown pull request'
      : `pull request #${pull.number}${pull.url ? ` (${pull.url})` : ''}`;
  switch (key) {
    case 'end-3d':
    case 'end-1d':
      return {
        key,
        title: `Cohort ${cohortId}: student access ends in ${key === 'end-3d' ? '3 days' : '1 day'} (${end}).`,
        detail: `After that students can no longer use the workshop account. Teardown is due ${due}.`,
      };
    case 'due-3d':
    case 'due-1d':
      return {
        key,
        title: `Cohort ${cohortId}: teardown is due in ${key === 'due-3d' ? '3 days' : '1 day'} (${due}).`,
        detail:
          'A pull request removing the cohort file opens then, with the final cost report and a security check; ' +
          'merging it destroys every resource of the cohort. Copy anything worth keeping before that.',
      };
    case 'teardown-pr':
      return {
        key,
        title: `Cohort ${cohortId}: teardown is due; review ${pr}.`,
        detail:
          'It holds the final cost report and the security check. Merging it is the approval: the apply workflow ' +
          'then empties the buckets and destroys the cohort. To postpone, close it and raise schedule.teardownAfterDays.',
      };
    case 'overdue':
      return {
        key,
        title: `Cohort ${cohortId}: teardown is overdue (it was due ${due}).`,
        detail: `The cohort's resources keep costing money until ${pr} is merged.`,
      };
  }
}

/** The notices whose moment is now (unsent ones among them go out). */
export function currentNotices(context: NoticeContext, now: Date): Notice[] {
  const t = now.getTime();
  const keys: NoticeKey[] = windows(context.dates)
    .filter((w) => t >= w.from.getTime() && t < w.to.getTime())
    .map((w) => w.key);
  if (isTeardownDue(context.status)) keys.push('teardown-pr');
  if (context.status === 'overdue') keys.push('overdue');
  return keys.map((key) => text(key, context));
}
