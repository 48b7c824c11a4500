/**
 * Validation problems in the review's summary: a pull request whose cohort file does not validate has no plan to
 * show, and the comment is where its author (a fork's author especially, who cannot read the workflow logs of this
 * repository's runs) learns what to fix. Each problem keeps its `file:line:column`; messages are data, escaped.
 */
import type { Problem } from '../cohort/problem.ts';
import { countOf } from '../text/count.ts';
import { escapeMarkdown, inlineCode } from './markdown-escape.ts';

/** The summary stays readable and small: the rest are in the job summary and `workshop validate`. */
export const MAX_PROBLEMS_SHOWN = 20;

function problemLine(problem: Problem): string {
  const icon = problem.severity === 'error' ? '❌' : '⚠️';
  return `- ${icon} ${inlineCode(`${problem.file}:${problem.line}:${problem.column}`)} ${escapeMarkdown(problem.message)}`;
}

/** Errors first, each group in file order; empty when there is nothing to say. */
export function validationBlock(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const heading =
    errors.length > 0
      ? `**Validation: ${countOf(errors.length, 'error')}** — the cohorts they are in are not planned; fix them and push again.`
      : `**Validation: ${countOf(warnings.length, 'warning')}**`;
  const shown = [...errors, ...warnings].slice(0, MAX_PROBLEMS_SHOWN);
  const more = problems.length - shown.length;
  return [
    heading,
    '',
    ...shown.map(problemLine),
    ...(more > 0 ? [`- … and ${countOf(more, 'more problem')}: run \`npx workshop validate\``] : []),
  ].join('\n');
}
