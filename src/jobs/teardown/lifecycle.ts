/**
 * The daily teardown run for one cohort: its lifecycle status, the notices whose moment has come (each sent once
 * per channel: an alert to the cohort's topic and Slack, and a comment mentioning the owner on the tracking issue),
 * and, once teardown is due, the teardown pull request with the final cost report and the security check.
 */
import { describeError } from '../../aws/errors.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { localTime } from '../../cohort/time.ts';
import {
  ensureTeardownPull,
  type PullSummary,
  type TeardownPullResult,
  teardownBranch,
} from '../../github/teardown-pr.ts';
import type { TitledIssue } from '../../github/titled-issue.ts';
import { cohortAlertTarget } from '../common/alerts.ts';
import type { JobContext } from '../common/job-context.ts';
import { updateOpsState } from '../common/ops-state.ts';
import type { CohortReport, CohortStatus, ReportBlock, ReportedAlert } from '../common/report.ts';
import type { TeardownApis } from './apis.ts';
import {
  isTeardownDue,
  type LifecycleDates,
  type LifecycleStatus,
  lifecycleDates,
  lifecycleStatus,
} from './lifecycle-status.ts';
import { currentNotices, type Notice } from './notices.ts';
import { teardownPullBody } from './pr-body.ts';
import { type CheckResult, checkMark, securityCheck } from './security-check.ts';
import { type NoticeChannel, type NoticeDelivery, TeardownState } from './state.ts';
import { noticeComment, trackingIssueNumber } from './tracking-issue.ts';

export const TEARDOWN_JOB = 'teardown';

export interface LifecycleRun {
  readonly apis: TeardownApis;
  readonly ctx: JobContext;
  /** The workflow's issues, listed once per run. */
  readonly issues: () => Promise<TitledIssue[]>;
}

type PullOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'no-github' }
  | { readonly kind: 'would'; readonly action: 'open' | 'update' | 'leave'; readonly existing?: PullSummary }
  | { readonly kind: 'done'; readonly result: TeardownPullResult };

interface Due {
  readonly checks: CheckResult[];
  readonly pull: PullOutcome;
}

async function teardownPull(run: LifecycleRun, cohort: ResolvedCohort, dates: LifecycleDates): Promise<Due> {
  const { apis, ctx } = run;
  const now = ctx.now();
  const checks = await securityCheck(apis, cohort, dates, now);
  const github = apis.github;
  if (github === undefined) return { checks, pull: { kind: 'no-github' } };
  if (ctx.dryRun) {
    const pulls = await github.repo.pulls(teardownBranch(cohort.id));
    const existing = pulls.find((p) => p.state === 'open') ?? pulls[0];
    const action = existing === undefined ? 'open' : existing.state === 'open' ? 'update' : 'leave';
    return { checks, pull: { kind: 'would', action, ...(existing === undefined ? {} : { existing }) } };
  }
  const { body } = await teardownPullBody({ cohort, dates, checks, now }, apis.costReport);
  return {
    checks,
    pull: {
      kind: 'done',
      result: await ensureTeardownPull(github.repo, { cohortId: cohort.id, body, dueDate: dates.due.toISOString() }),
    },
  };
}

function openPull(pull: PullOutcome): { number: number; url?: string } | undefined {
  if (pull.kind === 'done' && pull.result.state === 'open') {
    return { number: pull.result.number, ...(pull.result.url === undefined ? {} : { url: pull.result.url }) };
  }
  if (pull.kind === 'would' && pull.existing?.state === 'open') {
    return { number: pull.existing.number, ...(pull.existing.url === undefined ? {} : { url: pull.existing.url }) };
  }
  return undefined;
}

interface Delivery {
  readonly notice: Notice;
  /** Channel → when it was sent; absent while pending (a dry run, a failed send). */
  readonly sent: NoticeDelivery;
  readonly sentNow: NoticeChannel[];
}

interface Sending {
  readonly deliveries: Delivery[];
  readonly problems: string[];
  readonly trackingIssue?: number;
}

/** Sends each notice on each channel it was not sent on yet; records what went out. Never throws for a channel. */
async function sendNotices(
  run: LifecycleRun,
  cohort: ResolvedCohort,
  dates: LifecycleDates,
  notices: readonly Notice[],
  state: TeardownState,
): Promise<{ sending: Sending; next: TeardownState }> {
  const { apis, ctx } = run;
  const stamp = ctx.now().toISOString();
  // Each notice is remembered with the date it announces: a postponed end or teardown gets its reminders again.
  const recordKey = (notice: Notice) =>
    `${notice.key}@${(notice.key.startsWith('end-') ? dates.end : dates.due).toISOString()}`;
  const recorded = (notice: Notice): NoticeDelivery => state.notices[recordKey(notice)] ?? {};
  const pendingOn = (channel: NoticeChannel) => notices.filter((n) => recorded(n)[channel] === undefined);
  const problems: string[] = [];
  const sentNow = new Map<string, NoticeChannel[]>();
  const mark = (list: readonly Notice[], channel: NoticeChannel) => {
    for (const n of list) sentNow.set(n.key, [...(sentNow.get(n.key) ?? []), channel]);
  };

  let trackingIssue = state.trackingIssue;
  if (!ctx.dryRun) {
    const alerts = pendingOn('alert');
    if (alerts.length > 0) {
      const names = new CohortNames(apis.namePrefix, cohort.id);
      const target = cohortAlertTarget(cohort, names.topic, apis.accountId, TEARDOWN_JOB);
      try {
        await apis.alerts.send(
          target,
          alerts.map((n) => ({ key: `teardown:${n.key}`, title: n.title, detail: n.detail })),
        );
        mark(alerts, 'alert');
      } catch (error) {
        problems.push(`the notices could not be sent to the topic: ${describeError(error)} (retried next run)`);
      }
    }
    const comments = pendingOn('github');
    if (comments.length > 0 && apis.github !== undefined) {
      try {
        const issue = await trackingIssueNumber(apis.github.issues, run.issues, cohort, dates, trackingIssue);
        trackingIssue = issue;
        await apis.github.issues.comment(issue, noticeComment(cohort.owner, comments));
        mark(comments, 'github');
      } catch (error) {
        problems.push(
          `the notices could not be posted on the tracking issue: ${describeError(error)} (retried next run)`,
        );
      }
    }
  }

  const nextNotices = { ...state.notices };
  const deliveries = notices.map((notice): Delivery => {
    const now = sentNow.get(notice.key) ?? [];
    const delivery: NoticeDelivery = { ...recorded(notice) };
    for (const channel of now) delivery[channel] = stamp;
    nextNotices[recordKey(notice)] = delivery;
    return { notice, sent: delivery, sentNow: now };
  });
  return {
    sending: { deliveries, problems, ...(trackingIssue === undefined ? {} : { trackingIssue }) },
    next: { ...state, notices: nextNotices, ...(trackingIssue === undefined ? {} : { trackingIssue }) },
  };
}

const STATUS_TEXT: Readonly<Record<LifecycleStatus, string>> = {
  upcoming: 'upcoming',
  'in-session': 'in session',
  ended: 'ended',
  'teardown-due': 'teardown due',
  overdue: 'teardown overdue',
};

function pullLine(pull: PullOutcome): string | undefined {
  switch (pull.kind) {
    case 'none':
      return undefined;
    case 'no-github':
      return 'teardown pull request not opened: no GitHub token';
    case 'would':
      return pull.action === 'open'
        ? 'would open the teardown pull request'
        : `would ${pull.action} teardown pull request #${pull.existing?.number}`;
    case 'done': {
      const { result } = pull;
      if (result.state === 'merged') return `teardown pull request #${result.number} is merged`;
      if (result.state === 'closed') return `teardown pull request #${result.number} was closed without merging`;
      return `teardown pull request #${result.number} ${result.action === 'unchanged' ? 'is open' : result.action}`;
    }
  }
}

function deliveryCell(delivery: Delivery, channel: NoticeChannel, dryRun: boolean, available: boolean): string {
  if (delivery.sentNow.includes(channel)) return 'sent now';
  const at = delivery.sent[channel];
  if (at !== undefined) return `sent ${at.slice(0, 10)}`;
  if (!available) return 'no GitHub token';
  return dryRun ? 'would send' : 'not sent (see problems)';
}

function blocks(
  cohort: ResolvedCohort,
  dates: LifecycleDates,
  deliveries: readonly Delivery[],
  due: Due | undefined,
  run: LifecycleRun,
): ReportBlock[] {
  const zone = cohort.schedule.timezone;
  const out: ReportBlock[] = [
    {
      kind: 'table',
      title: 'Dates',
      columns: ['Start', 'End of access', 'Teardown due', 'Overdue from'],
      rows: [
        [
          localTime(dates.start, zone),
          localTime(dates.end, zone),
          localTime(dates.due, zone),
          localTime(dates.overdue, zone),
        ],
      ],
    },
  ];
  if (deliveries.length > 0) {
    out.push({
      kind: 'table',
      title: 'Notices',
      columns: ['Notice', 'Alert (topic, Slack)', 'Tracking issue comment'],
      rows: deliveries.map((d) => [
        d.notice.title,
        deliveryCell(d, 'alert', run.ctx.dryRun, true),
        deliveryCell(d, 'github', run.ctx.dryRun, run.apis.github !== undefined),
      ]),
    });
  }
  if (due !== undefined) {
    out.push({
      kind: 'table',
      title: 'Security check',
      columns: ['Check', 'Result', 'Detail'],
      rows: due.checks.map((c) => [c.check, checkMark(c), c.detail]),
    });
  }
  return out;
}

function statusOf(lifecycle: LifecycleStatus, problems: readonly string[], due: Due | undefined): CohortStatus {
  if (problems.length > 0) return 'failed';
  const checksFailed = due?.checks.some((c) => !c.ok) ?? false;
  const closed = due?.pull.kind === 'done' && due.pull.result.state === 'closed';
  return lifecycle === 'overdue' || checksFailed || closed ? 'warning' : 'ok';
}

export async function lifecycleCohort(cohort: ResolvedCohort, run: LifecycleRun): Promise<CohortReport> {
  const { apis, ctx } = run;
  const now = ctx.now();
  const dates = lifecycleDates(cohort);
  const lifecycle = lifecycleStatus(dates, now);
  const due = isTeardownDue(lifecycle) ? await teardownPull(run, cohort, dates) : undefined;
  const pull = due?.pull ?? { kind: 'none' };
  const notices = currentNotices(
    { cohortId: cohort.id, timeZone: cohort.schedule.timezone, dates, status: lifecycle, pull: openPull(pull) },
    now,
  );

  let sending: Sending = { deliveries: [], problems: [] };
  const where = { cohortId: cohort.id, job: TEARDOWN_JOB, now, dryRun: ctx.dryRun };
  const update = await updateOpsState(apis.state, where, TeardownState, async (previous) => {
    const state = previous ?? { notices: {} };
    const result = await sendNotices(run, cohort, dates, notices, state);
    sending = result.sending;
    const pullNumber = pull.kind === 'done' ? pull.result.number : state.pullRequest;
    return { ...result.next, ...(pullNumber === undefined ? {} : { pullRequest: pullNumber }) };
  });

  const line = pullLine(pull);
  const warnings = [
    ...update.problems,
    ...(line !== undefined && pull.kind === 'done' && pull.result.state === 'closed'
      ? [`${line}: teardown waits until it is reopened or the schedule changes`]
      : []),
    ...(due?.checks.filter((c) => !c.ok).map((c) => `security check failed: ${c.check}: ${c.detail}`) ?? []),
  ];
  const problems = [...sending.problems, ...warnings];
  const alerts: ReportedAlert[] = sending.deliveries.map((d) => ({
    key: `teardown:${d.notice.key}`,
    title: d.notice.title,
    detail: d.notice.detail,
    sent: d.sentNow.length > 0,
  }));
  const summary = [
    `${STATUS_TEXT[lifecycle]}: access ends ${localTime(dates.end, cohort.schedule.timezone)}, teardown due ${localTime(dates.due, cohort.schedule.timezone)}`,
    ...(line === undefined ? [] : [line]),
  ].join('; ');
  return {
    cohortId: cohort.id,
    status: statusOf(lifecycle, sending.problems, due),
    summary,
    problems,
    alerts,
    blocks: blocks(cohort, dates, sending.deliveries, due, run),
    data: {
      status: lifecycle,
      dates: { start: dates.start, end: dates.end, due: dates.due, overdue: dates.overdue },
      notices: sending.deliveries.map((d) => ({ key: d.notice.key, sent: d.sent, sentNow: d.sentNow })),
      ...(due === undefined ? {} : { securityCheck: due.checks }),
      ...(pull.kind === 'done' ? { pullRequest: pull.result } : {}),
      ...(sending.trackingIssue === undefined ? {} : { trackingIssue: sending.trackingIssue }),
    },
  };
}
