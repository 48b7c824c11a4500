/** What the cost report works with: its AWS access as interfaces, the run's inputs, and what every cohort shares. */
import type { AthenaApi } from '../../aws/athena.ts';
import type { BudgetsApi } from '../../aws/budgets.ts';
import type { CloudWatchApi } from '../../aws/cloudwatch.ts';
import type { CostExplorerApi } from '../../aws/cost-explorer.ts';
import type { GlueReadsApi } from '../../aws/glue-job-runs.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { PriceTable } from '../../cost/price-table.ts';
import type { AlertSink } from '../common/alerts.ts';
import type { JobContext } from '../common/job-context.ts';
import type { OpsStateStore } from '../common/ops-state.ts';
import type { SpendSplit } from './cohort-spend.ts';
import type { MonthToDate } from './month-to-date.ts';

/** Everything the job reads and writes, as interfaces: fakes in tests, SDK adapters in production. */
export interface CostReportApis {
  readonly accountId: string;
  readonly costExplorer: CostExplorerApi;
  readonly budgets: BudgetsApi;
  athena(region: string): AthenaApi;
  glue(region: string): GlueReadsApi;
  cloudwatch(region: string): CloudWatchApi;
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
}

export interface CostReportRun {
  readonly namePrefix: string;
  readonly cohorts: readonly ResolvedCohort[];
  readonly ctx: JobContext;
  readonly prices: PriceTable;
  readonly concurrency?: number;
}

/** What every cohort of a run shares: the period, and Cost Explorer's rows split per cohort (absent when unread). */
export interface Shared {
  readonly apis: CostReportApis;
  readonly run: CostReportRun;
  readonly period: MonthToDate;
  readonly split: SpendSplit | undefined;
}
