/**
 * Athena spend per workgroup (one per student, one for the instructors) and the cohort's most expensive queries
 * with advice. Billing as AWS bills: bytes rounded up to the megabyte with a 10 MB minimum per query; failed
 * queries and DDL statements are free; cancelled queries pay for what they scanned.
 */
import type { QueryExecutionSummary } from '../../aws/athena.ts';
import { ATHENA_MINIMUM_MB } from '../../cost/compute-usage.ts';
import { type Advice, type AdviceContext, adviseQuery, tableIndex } from './query-advice.ts';
import { normalizeQuery } from './sql-text.ts';

const MB = 1024 * 1024;
const TB = 1024 ** 4;
/** Characters of a query's text kept in the report: enough to recognise it, bounded for the issue body. */
export const QUERY_TEXT_CHARS = 300;
export const TOP_QUERIES = 5;

export interface WorkgroupUsage {
  readonly workgroup: string;
  /** The student id, or "instructors". */
  readonly owner: string;
  readonly queries: number;
  readonly scannedBytes: number;
  readonly billedBytes: number;
  readonly costUsd: number;
  /** The history was longer than the bound read: the figures are a lower bound. */
  readonly truncated: boolean;
}

export interface ExpensiveQuery {
  readonly workgroup: string;
  readonly owner: string;
  /** The text, whitespace collapsed and cut at QUERY_TEXT_CHARS (then ending in "…"). Data: escape it. */
  readonly query: string;
  readonly runs: number;
  readonly billedBytes: number;
  readonly costUsd: number;
  readonly advice: readonly Advice[];
}

export function billedBytes(execution: QueryExecutionSummary): number {
  if (execution.state === 'FAILED' || execution.statementType === 'DDL' || execution.scannedBytes <= 0) return 0;
  return Math.max(ATHENA_MINIMUM_MB, Math.ceil(execution.scannedBytes / MB)) * MB;
}

export function athenaCost(bytes: number, usdPerTb: number): number {
  return (bytes / TB) * usdPerTb;
}

export function workgroupUsage(
  workgroup: string,
  owner: string,
  history: { readonly executions: readonly QueryExecutionSummary[]; readonly truncated: boolean },
  usdPerTb: number,
): WorkgroupUsage {
  let scanned = 0;
  let billed = 0;
  for (const execution of history.executions) {
    scanned += execution.scannedBytes;
    billed += billedBytes(execution);
  }
  return {
    workgroup,
    owner,
    queries: history.executions.length,
    scannedBytes: scanned,
    billedBytes: billed,
    costUsd: athenaCost(billed, usdPerTb),
    truncated: history.truncated,
  };
}

export function truncateQuery(text: string, max = QUERY_TEXT_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

interface Group {
  readonly workgroup: string;
  readonly owner: string;
  readonly text: string;
  readonly database: string | undefined;
  runs: number;
  billed: number;
}

/**
 * The `count` costliest queries of the cohort; the same text run again in the same workgroup counts as one query
 * with several runs. Advice comes from the full text, before it is cut for the report.
 */
export function expensiveQueries(
  workgroups: readonly { readonly owner: string; readonly executions: readonly QueryExecutionSummary[] }[],
  usdPerTb: number,
  context: AdviceContext,
  count = TOP_QUERIES,
): ExpensiveQuery[] {
  const groups = new Map<string, Group>();
  for (const { owner, executions } of workgroups) {
    for (const execution of executions) {
      const billed = billedBytes(execution);
      if (billed === 0) continue;
      const text = normalizeQuery(execution.query);
      const id = `${execution.workgroup}\u0000${text}`;
      const group = groups.get(id) ?? {
        workgroup: execution.workgroup,
        owner,
        text,
        database: execution.database,
        runs: 0,
        billed: 0,
      };
      group.runs++;
      group.billed += billed;
      groups.set(id, group);
    }
  }
  const index = tableIndex(context.tables);
  return [...groups.values()]
    .sort((a, b) => b.billed - a.billed || a.workgroup.localeCompare(b.workgroup) || a.text.localeCompare(b.text))
    .slice(0, count)
    .map((g) => ({
      workgroup: g.workgroup,
      owner: g.owner,
      query: truncateQuery(g.text),
      runs: g.runs,
      billedBytes: g.billed,
      costUsd: athenaCost(g.billed, usdPerTb),
      advice: adviseQuery(g.text, g.database, context, index),
    }));
}
