/**
 * The body of a cohort's teardown pull request: what merging it does, then the final report (security check and
 * final cost report). The cost report gets whatever room the rest leaves under GitHub's 65,536-character limit.
 */
import { ISSUE_BODY_LIMIT } from '../../github/titled-issue.ts';
import { inlineCode } from '../../render/markdown-escape.ts';
import type { FinalCostReport } from './apis.ts';
import { type FinalReport, finalReportMarkdown } from './final-report.ts';

function head(cohortId: string): string {
  const id = inlineCode(cohortId);
  return [
    `## Teardown: ${id}`,
    '',
    `Teardown of cohort ${id} is due. This pull request removes ${inlineCode(`workshops/${cohortId}.yaml`)}.`,
    '',
    '**Merging it is the approval.** The `cohort-apply` workflow then, for this cohort only:',
    '',
    `1. archives this final report under ${inlineCode(`ops/reports/${cohortId}/`)} in the state bucket;`,
    '2. empties every bucket of the cohort in both regions (all object versions and delete markers);',
    "3. removes the students' console passwords and stops the cohort's trail;",
    '4. destroys the cohort with the Terraform plan reviewed on this pull request;',
    '5. lists anything still tagged with the cohort (leftovers) in its job summary.',
    '',
    'Check the security results below and copy anything worth keeping before merging. To postpone, close this pull ' +
      'request and raise `schedule.teardownAfterDays` in the cohort file: it is not reopened by the daily job.',
    '',
    '### Final report',
    '',
    '',
  ].join('\n');
}

/** A small margin for the cost report's own cut note and line ends. */
const MARGIN = 200;

export async function teardownPullBody(
  report: Omit<FinalReport, 'cost'>,
  costReport: FinalCostReport,
): Promise<{ body: string; cost: string }> {
  const top = head(report.cohort.id);
  const withoutCost = `${top}${finalReportMarkdown({ ...report, cost: '' })}`;
  const room = ISSUE_BODY_LIMIT - withoutCost.length - MARGIN;
  const cost = await costReport(report.cohort, room);
  return { body: `${top}${finalReportMarkdown({ ...report, cost })}`, cost };
}
