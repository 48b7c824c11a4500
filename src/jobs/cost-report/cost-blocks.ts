/**
 * A cohort's cost data as report blocks, at a level of detail: the issue body has a size limit, so detail goes
 * first (long tables, then the tables, then queries and advice, then the chart) while the budget always stays.
 */
import { formatBytes, formatNumber, formatUsd } from '../../cost/format.ts';
import type { ReportBlock } from '../common/report.ts';
import type { CohortCost } from './cohort-cost.ts';
import { spendChart } from './spend-chart.ts';

/** 4: everything; 3: the ten largest rows per table; 2: no per-workgroup, per-job or storage tables; 1: no queries
 * or advice; 0: the budget alone. */
export type DetailLevel = 0 | 1 | 2 | 3 | 4;
export const FULL_DETAIL: DetailLevel = 4;
const SHORT_TABLE_ROWS = 10;

const percent = (value: number | undefined) => (value === undefined ? '' : `${formatNumber(Math.round(value))}%`);

function budgetBlock(cost: CohortCost): ReportBlock {
  const { budget } = cost;
  const rows: (string | number)[][] = [
    ['Budget', formatUsd(budget.limitUsd), '100%'],
    ['Actual spend', formatUsd(budget.actualUsd), percent(budget.actualPercent)],
  ];
  if (budget.forecastUsd !== undefined) {
    rows.push(['Forecast for the month', formatUsd(budget.forecastUsd), percent(budget.forecastPercent)]);
  }
  const crossed = cost.crossings.map((c) => `${c.basis} ≥ ${c.percent}%`);
  if (crossed.length > 0) rows.push(['Thresholds reached', crossed.join(', '), '']);
  const updated = budget.updatedAt === undefined ? '' : `, updated by AWS ${budget.updatedAt}`;
  return {
    kind: 'table',
    title: `AWS Budgets: ${budget.name}${updated}`,
    columns: ['', 'USD', 'Of budget'],
    rows,
  };
}

function spendBlocks(cost: CohortCost): ReportBlock[] {
  const { spend } = cost;
  if (spend === undefined) return [];
  const asOf = spend.lastDataDay === undefined ? 'no tagged cost yet' : `data through ${spend.lastDataDay}`;
  return [
    {
      kind: 'code',
      title: `Daily spend, cumulative, against the budget (Cost Explorer, ${asOf})`,
      language: 'mermaid',
      text: spendChart(cost.cohortId, spend.daily, cost.budget.limitUsd),
    },
    {
      kind: 'table',
      title: `Spend by service this month (Cost Explorer: ${formatUsd(spend.totalUsd)})`,
      columns: ['Service', 'USD'],
      rows: spend.byService.map((s) => [s.service, formatUsd(s.usd)]),
    },
  ];
}

function adviceBlocks(cost: CohortCost): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  if (cost.athena.topQueries.length > 0) {
    blocks.push({
      kind: 'table',
      title: 'Most expensive Athena queries',
      columns: ['Who', 'Runs', 'Billed scan', 'USD', 'Query', 'Suggestion'],
      rows: cost.athena.topQueries.map((q) => [
        q.owner,
        q.runs,
        formatBytes(q.billedBytes),
        formatUsd(q.costUsd),
        q.query,
        q.advice.map((a) => a.message).join('; ') || '-',
      ]),
    });
  }
  if (cost.glue.advice.length > 0) {
    blocks.push({ kind: 'list', title: 'Glue worker ceilings', items: cost.glue.advice.map((a) => a.message) });
  }
  return blocks;
}

function rows<T>(items: readonly T[], level: DetailLevel): readonly T[] {
  return level >= FULL_DETAIL ? items : items.slice(0, SHORT_TABLE_ROWS);
}

function more(total: number, shown: number): string {
  return total > shown ? ` (the ${shown} largest of ${total})` : '';
}

function detailBlocks(cost: CohortCost, level: DetailLevel): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const workgroups = cost.athena.workgroups.filter((w) => w.queries > 0);
  if (workgroups.length > 0) {
    const shown = rows(workgroups, level);
    blocks.push({
      kind: 'table',
      title: `Athena per workgroup: ${formatUsd(cost.athena.totalUsd)}${more(workgroups.length, shown.length)}`,
      columns: ['Who', 'Workgroup', 'Queries', 'Scanned', 'Billed scan', 'USD'],
      rows: shown.map((w) => [
        w.owner,
        w.workgroup,
        `${formatNumber(w.queries)}${w.truncated ? '+' : ''}`,
        formatBytes(w.scannedBytes),
        formatBytes(w.billedBytes),
        formatUsd(w.costUsd),
      ]),
    });
  }
  const jobs = cost.glue.jobs.filter((j) => j.runs > 0);
  if (jobs.length > 0) {
    const shown = rows(jobs, level);
    blocks.push({
      kind: 'table',
      title: `Glue ETL per job: ${formatUsd(cost.glue.totalUsd)}${more(jobs.length, shown.length)}`,
      columns: ['Job', 'Who', 'Runs', 'DPU-hours', 'USD'],
      rows: shown.map((j) => [j.job, j.owner, j.runs, formatNumber(j.dpuHours), formatUsd(j.costUsd)]),
    });
  }
  const storage = cost.storage.flatMap((b) =>
    b.classes.map((c) => [
      b.bucket,
      c.storageClass,
      formatBytes(c.bytes),
      c.monthlyUsd === undefined ? 'not priced' : formatUsd(c.monthlyUsd),
    ]),
  );
  if (storage.length > 0) {
    const shown = rows(storage, level);
    blocks.push({
      kind: 'table',
      title: `Bucket sizes by storage class (S3 daily metric)${more(storage.length, shown.length)}`,
      columns: ['Bucket', 'Storage class', 'Size', 'A month at this size'],
      rows: shown,
    });
  }
  return blocks;
}

export function cohortBlocks(cost: CohortCost, level: DetailLevel = FULL_DETAIL): ReportBlock[] {
  return [
    budgetBlock(cost),
    ...(level >= 1 ? spendBlocks(cost) : []),
    ...(level >= 2 ? adviceBlocks(cost) : []),
    ...(level >= 3 ? detailBlocks(cost, level) : []),
  ];
}
