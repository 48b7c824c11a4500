/**
 * The cost report as one Markdown body under a size limit (a GitHub issue body holds 65,536 characters): rendered
 * in full when it fits, else with less detail for every cohort (long tables, then tables, then queries and advice,
 * then charts), and as a last resort cut at a cohort boundary with a note saying where the rest is.
 */
import { type CohortReport, type JobReport, type Redact, renderMarkdown } from '../common/report.ts';
import type { CohortCost } from './cohort-cost.ts';
import { cohortBlocks, type DetailLevel, FULL_DETAIL } from './cost-blocks.ts';

export const ISSUE_BODY_LIMIT = 65_536;

const LEVELS: readonly DetailLevel[] = [4, 3, 2, 1, 0];

function isCohortCost(data: unknown, cohortId: string): data is CohortCost {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as Partial<CohortCost>).cohortId === cohortId &&
    typeof (data as Partial<CohortCost>).budget === 'object'
  );
}

function atLevel(report: JobReport, level: DetailLevel): JobReport {
  if (level === FULL_DETAIL) return report;
  const cohorts = report.cohorts.map(
    (c): CohortReport => (isCohortCost(c.data, c.cohortId) ? { ...c, blocks: cohortBlocks(c.data, level) } : c),
  );
  return { ...report, cohorts };
}

const TRUNCATED = '\n\n_The report was cut here to fit: `npx workshop cost-report --format json` prints all of it._\n';

/** Cut at the last cohort heading (or line) that leaves room for the note. */
function cut(markdown: string, maxChars: number): string {
  const room = maxChars - TRUNCATED.length;
  const head = markdown.slice(0, Math.max(0, room));
  const section = head.lastIndexOf('\n### ');
  const line = head.lastIndexOf('\n');
  const at = section > 0 ? section : line > 0 ? line : head.length;
  return `${head.slice(0, at).trimEnd()}${TRUNCATED}`;
}

export function fittedMarkdown(report: JobReport, maxChars: number, redact?: Redact): string {
  let markdown = '';
  for (const level of LEVELS) {
    markdown = renderMarkdown(atLevel(report, level), redact);
    if (markdown.length <= maxChars) return markdown;
  }
  return cut(markdown, maxChars);
}
