/**
 * The `Teardown: <id>` tracking issue, where the notices are posted as comments that mention the cohort's owner.
 * This is the one place the project @-mentions anyone on purpose: `owner` is a GitHub login the schema validated,
 * and it is checked again here, so nothing else can ever be turned into a mention.
 */
import { GITHUB_LOGIN_PATTERN, type ResolvedCohort } from '../../cohort/schema.ts';
import { localTime } from '../../cohort/time.ts';
import { teardownTitle } from '../../github/teardown-pr.ts';
import {
  issueMarker,
  markedBody,
  pickIssue,
  type TitledIssue,
  type TitledIssuesApi,
} from '../../github/titled-issue.ts';
import { inlineCode } from '../../render/markdown-escape.ts';
import type { LifecycleDates } from './lifecycle-status.ts';
import type { Notice } from './notices.ts';

export const TRACKING_ISSUE_KIND = 'teardown';

export function mention(login: string): string {
  return GITHUB_LOGIN_PATTERN.test(login) ? `@${login}` : inlineCode(login);
}

function trackingBody(cohort: ResolvedCohort, dates: LifecycleDates): string {
  const zone = cohort.schedule.timezone;
  return [
    `## Teardown: ${inlineCode(cohort.id)}`,
    '',
    `Reminders for the end of cohort ${inlineCode(cohort.id)} are posted here for its owner.`,
    '',
    `- Student access ends ${localTime(dates.end, zone)}`,
    `- Teardown is due ${localTime(dates.due, zone)}: a pull request removing the cohort file opens then; merging it destroys the cohort.`,
  ].join('\n');
}

/** The comment of one run: the owner mentioned once, then each notice. */
export function noticeComment(owner: string, notices: readonly Notice[]): string {
  return [`${mention(owner)}`, '', ...notices.flatMap((n) => [`**${n.title}**`, '', n.detail, ''])]
    .join('\n')
    .trimEnd();
}

/**
 * The tracking issue's number: the one recorded in the ops state, else the one found by title and marker, else a
 * new one. `issues` lists the workflow's issues once per run.
 */
export async function trackingIssueNumber(
  api: TitledIssuesApi,
  issues: () => Promise<TitledIssue[]>,
  cohort: ResolvedCohort,
  dates: LifecycleDates,
  recorded: number | undefined,
): Promise<number> {
  if (recorded !== undefined) return recorded;
  const title = teardownTitle(cohort.id);
  const marker = issueMarker(TRACKING_ISSUE_KIND, cohort.id);
  const found = pickIssue(await issues(), title, marker);
  if (found !== undefined) return found.number;
  return (await api.create(title, markedBody(marker, trackingBody(cohort, dates)))).number;
}
