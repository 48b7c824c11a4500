/**
 * The body of a cohort's `Drift: <id>` issue: what changed outside Terraform, rendered by the review loop's plan
 * renderer (the same drift section reviewers see on pull requests), plus what to do about it. Fitted under GitHub's
 * 65,536-character limit the way review comments are: the collapsible sections are cut first, with a note saying
 * how many items are not shown. The body holds no date, so an unchanged drift leaves the issue untouched.
 */

import { ISSUE_BODY_LIMIT } from '../../github/titled-issue.ts';
import type { PlanSummary } from '../../plan/plan-types.ts';
import type { CommentSection } from '../../render/comment-section.ts';
import { inlineCode } from '../../render/markdown-escape.ts';
import { changesSection, driftSection, outputsSection } from '../../render/plan-details.ts';
import { splitComment } from '../../render/split-comment.ts';
import { countOf, formatCount } from '../../text/count.ts';
import { driftedResources } from './drift-plan.ts';

export const DRIFT_ISSUE_KIND = 'drift';

export function driftIssueTitle(cohortId: string): string {
  return `Drift: ${cohortId}`;
}

function headSection(cohortId: string, plan: PlanSummary): CommentSection {
  const drifted = driftedResources(plan).length;
  return {
    kind: 'summary',
    markdown: [
      `## Drift: ${inlineCode(cohortId)}`,
      '',
      `The daily read-only plan found ${countOf(drifted, 'resource')} of cohort ${inlineCode(cohortId)} changed ` +
        'outside Terraform since the last apply (listed below).',
      '',
      '**What to do**: undo the change in AWS; or, if it should stay, change the cohort file to describe it and ' +
        'merge that through a pull request; or re-apply the cohort (run the `cohort-apply` workflow for it) to put ' +
        'the configured values back. The drift workflow updates this issue every day and closes it once the cohort ' +
        'is clean again.',
    ].join('\n'),
  };
}

const NOT_SHOWN = (count: number, noun: string) =>
  `_${formatCount(count)} ${noun} not shown here: see the drift workflow's plan artifact._`;

/** The issue body after the marker line, at most `room` characters. */
export function driftIssueBody(cohortId: string, plan: PlanSummary, room = ISSUE_BODY_LIMIT): string {
  const sections = [
    headSection(cohortId, plan),
    driftSection(plan, { headingLevel: 0 }),
    // Only a normal (not refresh-only) plan proposes changes; they show what an apply would do about the drift.
    changesSection(plan, { headingLevel: 0 }),
    outputsSection(plan, { headingLevel: 0 }),
  ].filter((section): section is CommentSection => section !== undefined);
  const parts = splitComment(sections, {
    limit: room,
    maxParts: 1,
    title: `Drift: ${cohortId}`,
    omittedNote: NOT_SHOWN,
  });
  // Only text that alone exceeds the limit gives more than one part; the first part still says what matters.
  return parts[0] ?? '';
}
