/**
 * The final report of a cohort: its dates, the security check and the final cost report, as Markdown. It is the
 * body of the teardown pull request (with what merging does), and it is archived under `ops/reports/<id>/` in the
 * state bucket just before the cohort is destroyed. Text from cohort files and AWS is escaped: data, never markup
 * or mentions (the owner is shown as code, not @-mentioned: the mention belongs to the tracking issue).
 */
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { localTime } from '../../cohort/time.ts';
import { escapeMarkdown, inlineCode } from '../../render/markdown-escape.ts';
import type { LifecycleDates } from './lifecycle-status.ts';
import { type CheckResult, checkMark } from './security-check.ts';

export interface FinalReport {
  readonly cohort: ResolvedCohort;
  readonly dates: LifecycleDates;
  readonly checks: readonly CheckResult[];
  /** The cost report's Markdown (already escaped by its renderer). */
  readonly cost: string;
  readonly now: Date;
}

export function securityTable(checks: readonly CheckResult[]): string {
  const cell = (text: string) => escapeMarkdown(text) || ' ';
  return [
    '| Check | Result | Detail |',
    '| --- | --- | --- |',
    ...checks.map((c) => `| ${cell(c.check)} | ${checkMark(c)} | ${cell(c.detail)} |`),
  ].join('\n');
}

function datesLines(report: FinalReport): string[] {
  const { cohort, dates } = report;
  const zone = cohort.schedule.timezone;
  return [
    `- Cohort: ${inlineCode(cohort.id)}: ${escapeMarkdown(cohort.title)} (owner ${inlineCode(cohort.owner)})`,
    `- Ran from ${escapeMarkdown(localTime(dates.start, zone))} to ${escapeMarkdown(localTime(dates.end, zone))}`,
    `- Teardown due ${escapeMarkdown(localTime(dates.due, zone))}`,
    `- Regions: ${inlineCode(cohort.regions.primary)}${cohort.regions.backup ? `, backup ${inlineCode(cohort.regions.backup)}` : ''}`,
    `- Report made ${report.now.toISOString()}`,
  ];
}

/** Characters the report needs besides the cost section, so the caller can size the cost report to fit. */
export function finalReportMarkdown(report: FinalReport, headingLevel = 3): string {
  const h = '#'.repeat(headingLevel);
  const failed = report.checks.filter((c) => !c.ok).length;
  return [
    ...datesLines(report),
    '',
    `${h} Security check${failed === 0 ? '' : ` (${failed} failed)`}`,
    '',
    securityTable(report.checks),
    '',
    `${h} Final cost report`,
    '',
    report.cost.trim(),
    '',
  ].join('\n');
}
