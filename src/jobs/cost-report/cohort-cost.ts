/**
 * The cost report's result for one cohort: the structured data behind its Markdown blocks and its JSON, plus the
 * one-line summary and the "what drove the spend" text alerts carry.
 */
import { formatBytes, formatNumber, formatUsd } from '../../cost/format.ts';
import type { ExpensiveQuery, WorkgroupUsage } from './athena-usage.ts';
import type { BucketUsage } from './bucket-storage.ts';
import type { Crossing } from './budget-thresholds.ts';
import type { CohortSpend } from './cohort-spend.ts';
import type { JobUsage, WorkerAdvice } from './glue-usage.ts';

export interface BudgetStatus {
  readonly name: string;
  readonly limitUsd: number;
  readonly actualUsd: number;
  readonly actualPercent: number;
  readonly forecastUsd?: number;
  readonly forecastPercent?: number;
  /** When AWS last refreshed the budget's figures, ISO. */
  readonly updatedAt?: string;
}

export interface AthenaSection {
  /** Workgroups by cost, highest first. */
  readonly workgroups: readonly WorkgroupUsage[];
  readonly topQueries: readonly ExpensiveQuery[];
  readonly totalUsd: number;
  readonly scannedBytes: number;
}

export interface GlueSection {
  /** Jobs that ran, by cost, highest first. */
  readonly jobs: readonly JobUsage[];
  readonly advice: readonly WorkerAdvice[];
  readonly totalUsd: number;
  readonly dpuHours: number;
}

export interface CohortCost {
  readonly cohortId: string;
  readonly month: string;
  readonly budget: BudgetStatus;
  /** Cost Explorer's view; absent when it could not be read this run. */
  readonly spend?: CohortSpend;
  readonly crossings: readonly Crossing[];
  readonly athena: AthenaSection;
  readonly glue: GlueSection;
  readonly storage: readonly BucketUsage[];
}

const TOP_DRIVERS = 3;

function percentText(percent: number): string {
  return `${formatNumber(Math.round(percent))}%`;
}

export function summaryLine(cost: CohortCost): string {
  const { budget } = cost;
  const forecast =
    budget.forecastUsd === undefined || budget.forecastPercent === undefined
      ? 'no forecast yet'
      : `forecast ${formatUsd(budget.forecastUsd)} (${percentText(budget.forecastPercent)})`;
  const top = cost.spend?.byService[0];
  const topText = top === undefined ? '' : `; most spent on ${top.service} (${formatUsd(top.usd)})`;
  return `${formatUsd(budget.actualUsd)} of ${formatUsd(budget.limitUsd)} (${percentText(budget.actualPercent)}) spent in ${cost.month}, ${forecast}${topText}`;
}

/** The services, student workgroups and jobs that cost the most: what an alert names as the cause. */
export function driversText(cost: CohortCost): string {
  const parts: string[] = [];
  const services = cost.spend?.byService.slice(0, TOP_DRIVERS) ?? [];
  if (services.length > 0)
    parts.push(`services: ${services.map((s) => `${s.service} ${formatUsd(s.usd)}`).join(', ')}`);
  const workgroups = cost.athena.workgroups.filter((w) => w.costUsd > 0).slice(0, TOP_DRIVERS);
  if (workgroups.length > 0) {
    const list = workgroups.map((w) => `${w.owner} ${formatUsd(w.costUsd)} (${formatBytes(w.billedBytes)} scanned)`);
    parts.push(`Athena workgroups: ${list.join(', ')}`);
  }
  const jobs = cost.glue.jobs.filter((j) => j.costUsd > 0).slice(0, TOP_DRIVERS);
  if (jobs.length > 0) {
    parts.push(
      `Glue jobs: ${jobs.map((j) => `${j.job} ${formatUsd(j.costUsd)} (${formatNumber(j.dpuHours)} DPU-hours)`).join(', ')}`,
    );
  }
  return parts.length === 0 ? 'no breakdown available yet' : `Spend drivers: ${parts.join('; ')}`;
}
