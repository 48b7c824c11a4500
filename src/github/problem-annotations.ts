/**
 * Validation problems as GitHub sees them: one annotation each, at the file, line and column (shown on the pull
 * request's diff), and one table in the job summary. Messages quote cohort files, so summary cells are escaped.
 */
import type { Problem } from '../cohort/problem.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';

export interface Annotation {
  readonly level: 'error' | 'warning';
  readonly message: string;
  readonly properties: {
    readonly title: string;
    readonly file: string;
    readonly startLine: number;
    readonly startColumn: number;
  };
}

export function annotationOf(problem: Problem): Annotation {
  return {
    level: problem.severity,
    message: problem.message,
    properties: {
      title: problem.severity === 'error' ? 'Cohort validation error' : 'Cohort validation warning',
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.column,
    },
  };
}

/** Beyond this many rows a table helps nobody; the annotations and the log still have every problem. */
export const SUMMARY_ROWS = 500;

export function problemsSummary(problems: readonly Problem[], checked: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const heading =
    errors > 0
      ? `## ❌ Cohort validation: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
      : `## ✅ Cohort validation passed: ${checked} file${checked === 1 ? '' : 's'} checked, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (problems.length === 0) return `${heading}\n`;
  const rows = problems
    .slice(0, SUMMARY_ROWS)
    .map(
      (p) =>
        `| ${p.severity === 'error' ? '❌' : '⚠️'} | ${escapeMarkdown(`${p.file}:${p.line}:${p.column}`)} | ${escapeMarkdown(p.message)} |`,
    );
  const more =
    problems.length > SUMMARY_ROWS ? [`\n…and ${problems.length - SUMMARY_ROWS} more (see the annotations).`] : [];
  return [heading, '', '| | where | problem |', '|---|---|---|', ...rows, ...more, ''].join('\n');
}
