/**
 * Every job reports the same way: one JobReport, rendered as Markdown for the job summary and as JSON with the same
 * data. Text from cohort files and AWS is escaped (it is data, never markup or mentions), and every string passes
 * through the logger's `redact` on the way out, so a registered secret cannot reach a report.
 */
import { codeBlock, escapeMarkdown } from '../../render/markdown-escape.ts';
import type { Alert } from './alerts.ts';
import type { CohortOutcome } from './run-per-cohort.ts';

/** `warning` reports something to look at without failing the run; `failed` makes the exit status 1. */
export type CohortStatus = 'ok' | 'warning' | 'failed' | 'skipped';

export type Cell = string | number;

export type ReportBlock =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'list'; readonly title?: string; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly title?: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly Cell[])[];
    }
  /** Shown verbatim in a fence (a Mermaid chart, a plan excerpt). */
  | { readonly kind: 'code'; readonly title?: string; readonly language: string; readonly text: string };

export interface ReportedAlert extends Alert {
  /** False when the condition was already alerted on an earlier run, or on a dry run. */
  readonly sent: boolean;
}

export interface CohortReport {
  readonly cohortId: string;
  readonly status: CohortStatus;
  /** One line for the overview table. */
  readonly summary: string;
  /** What went wrong or needs attention, one sentence each. */
  readonly problems: readonly string[];
  readonly alerts: readonly ReportedAlert[];
  readonly blocks: readonly ReportBlock[];
  /** The job's own structured result, for the JSON report. */
  readonly data?: unknown;
}

export interface JobReport {
  readonly job: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly dryRun: boolean;
  /** Job-wide facts (how many requests, the data's as-of time). */
  readonly notes: readonly string[];
  readonly cohorts: readonly CohortReport[];
}

export type Redact = (text: string) => string;
const asIs: Redact = (text) => text;

const STATUS_LABEL: Readonly<Record<CohortStatus, string>> = {
  ok: '✅ ok',
  warning: '⚠️ warning',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
};

/** The report line of a cohort whose run threw: failed, with the error as its one problem. */
export function failedCohortReport(cohortId: string, error: string): CohortReport {
  return { cohortId, status: 'failed', summary: error, problems: [error], alerts: [], blocks: [] };
}

/** Cohort reports from runPerCohort outcomes: a thrown error becomes a failed cohort. */
export function cohortReports(outcomes: readonly CohortOutcome<CohortReport>[]): CohortReport[] {
  return outcomes.map((o) => (o.ok ? o.result : failedCohortReport(o.cohortId, o.error)));
}

/** 1 when any cohort failed, else 0. */
export function exitCodeOf(report: JobReport): 0 | 1 {
  return report.cohorts.some((c) => c.status === 'failed') ? 1 : 0;
}

/** Worst-first order of statuses: the status of a cohort with several findings. */
export function worstStatus(...statuses: readonly CohortStatus[]): CohortStatus {
  for (const status of ['failed', 'warning', 'ok'] as const) if (statuses.includes(status)) return status;
  return 'skipped';
}

function countLine(report: JobReport): string {
  const counts = new Map<CohortStatus, number>();
  for (const c of report.cohorts) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const parts = (['ok', 'warning', 'failed', 'skipped'] as const)
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`);
  return `${report.cohorts.length} cohort${report.cohorts.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function table(columns: readonly string[], rows: readonly (readonly Cell[])[], redact: Redact): string[] {
  const cell = (value: Cell) => escapeMarkdown(redact(String(value))) || ' ';
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((_, i) => cell(row[i] ?? '')).join(' | ')} |`),
  ];
}

function blockLines(block: ReportBlock, redact: Redact): string[] {
  const text = (value: string) => escapeMarkdown(redact(value));
  const title = 'title' in block && block.title !== undefined ? [`**${text(block.title)}**`, ''] : [];
  switch (block.kind) {
    case 'text':
      return [text(block.text), ''];
    case 'list':
      return [...title, ...block.items.map((item) => `- ${text(item)}`), ''];
    case 'table':
      return [...title, ...table(block.columns, block.rows, redact), ''];
    case 'code':
      return [...title, codeBlock(redact(block.text), block.language), ''];
  }
}

function cohortSection(cohort: CohortReport, redact: Redact): string[] {
  const text = (value: string) => escapeMarkdown(redact(value));
  const lines = [`### ${text(cohort.cohortId)}: ${STATUS_LABEL[cohort.status]}`, '', text(cohort.summary), ''];
  if (cohort.problems.length > 0) lines.push('**Problems**', '', ...cohort.problems.map((p) => `- ${text(p)}`), '');
  if (cohort.alerts.length > 0) {
    lines.push('**Alerts**', '');
    for (const alert of cohort.alerts) {
      const how = alert.sent ? 'new, sent' : 'already alerted or dry run, not sent';
      lines.push(`- ${text(alert.title)} (${how})${alert.detail === undefined ? '' : `: ${text(alert.detail)}`}`);
    }
    lines.push('');
  }
  for (const block of cohort.blocks) lines.push(...blockLines(block, redact));
  return lines;
}

export function renderMarkdown(report: JobReport, redact: Redact = asIs): string {
  const text = (value: string) => escapeMarkdown(redact(value));
  const lines = [
    `## Workshop ${text(report.job)}${report.dryRun ? ' (dry run: nothing changed)' : ''}`,
    '',
    `${countLine(report)}; ran ${text(report.startedAt)} to ${text(report.finishedAt)}.`,
    '',
  ];
  if (report.notes.length > 0) lines.push(...report.notes.map((n) => `- ${text(n)}`), '');
  if (report.cohorts.length > 0) {
    const rows = report.cohorts.map((c) => [c.cohortId, STATUS_LABEL[c.status], c.summary]);
    lines.push(...table(['Cohort', 'Status', 'Summary'], rows, redact), '');
    for (const cohort of report.cohorts) lines.push(...cohortSection(cohort, redact));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Every string in `value` redacted, before serialising (after, JSON escaping could hide a secret from the match). */
function redactDeep(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact));
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)]));
  }
  return value;
}

export function renderJson(report: JobReport, redact: Redact = asIs): string {
  return `${JSON.stringify(redactDeep(report, redact), null, 2)}\n`;
}

export function renderReport(report: JobReport, format: 'markdown' | 'json', redact: Redact = asIs): string {
  return format === 'json' ? renderJson(report, redact) : renderMarkdown(report, redact);
}
