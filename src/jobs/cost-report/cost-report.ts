/**
 * The `cost-report` job: what each cohort has spent this month and where the money goes. Spend comes from AWS
 * Budgets (per cohort) and from ONE Cost Explorer query for every cohort at once (Cost Explorer bills each request,
 * so its cost must not grow with the number of cohorts); the breakdown from Athena's query history, Glue's job runs
 * and S3's storage metrics. A budget threshold newly crossed alerts once, through the ops state.
 */
import type { BudgetSpend } from '../../aws/budgets.ts';
import { COST_EXPLORER_REQUEST_USD, MAX_COST_EXPLORER_PAGES, type TaggedCosts } from '../../aws/cost-explorer.ts';
import { describeError } from '../../aws/errors.ts';
import { CohortNames, TAG_COHORT } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { formatUsd, plural } from '../../cost/format.ts';
import { cohortAlertTarget, deliverNewAlerts } from '../common/alerts.ts';
import { runCohortJob } from '../common/job.ts';
import { updateOpsState } from '../common/ops-state.ts';
import type { CohortReport, JobReport, ReportedAlert } from '../common/report.ts';
import { crossingAlert, crossings, percentOf } from './budget-thresholds.ts';
import { type BudgetStatus, type CohortCost, driversText, summaryLine } from './cohort-cost.ts';
import { type SpendSplit, splitByCohort } from './cohort-spend.ts';
import { cohortBlocks } from './cost-blocks.ts';
import { type MonthToDate, monthToDate } from './month-to-date.ts';
import { attempt, someNames } from './read-each.ts';
import type { CostReportApis, CostReportRun, Shared } from './report-context.ts';
import { type CostReportState, costReportState } from './report-state.ts';
import { athenaSection, glueSection, storageSection } from './sections.ts';

export type { CostReportApis, CostReportRun } from './report-context.ts';

export const COST_REPORT_JOB = 'cost-report';

function budgetStatus(budget: BudgetSpend): BudgetStatus {
  return {
    name: budget.name,
    limitUsd: budget.limitUsd,
    actualUsd: budget.actualUsd,
    actualPercent: percentOf(budget.actualUsd, budget.limitUsd),
    ...(budget.forecastUsd === undefined
      ? {}
      : { forecastUsd: budget.forecastUsd, forecastPercent: percentOf(budget.forecastUsd, budget.limitUsd) }),
    ...(budget.updatedAt === undefined ? {} : { updatedAt: budget.updatedAt.toISOString() }),
  };
}

interface AlertOutcome {
  readonly alerts: ReportedAlert[];
  readonly problems: string[];
  readonly failed: boolean;
}

/** Sends the crossings not alerted before and records them; a failure keeps the old state, so the next run retries. */
async function alertCrossings(
  shared: Shared,
  cohort: ResolvedCohort,
  names: CohortNames,
  cost: CohortCost,
  budget: BudgetSpend,
): Promise<AlertOutcome> {
  const { ctx } = shared.run;
  // The drivers go with the highest crossing of each basis only: several alerts of one run share one message.
  const drivers = driversText(cost);
  const highest = (i: number) => cost.crossings.slice(i + 1).every((c) => c.basis !== cost.crossings[i]?.basis);
  const current = cost.crossings.map((c, i) =>
    crossingAlert(cohort.id, cost.month, budget, c, highest(i) ? drivers : undefined),
  );
  const target = cohortAlertTarget(cohort, names.topic, shared.apis.accountId, COST_REPORT_JOB);
  const sent = new Set<string>();
  try {
    const update = await updateOpsState<CostReportState>(
      shared.apis.state,
      { cohortId: cohort.id, job: COST_REPORT_JOB, now: ctx.now(), dryRun: ctx.dryRun },
      costReportState,
      async (previous) => {
        const delivery = await deliverNewAlerts(shared.apis.alerts, target, previous?.alerted, current, ctx.dryRun);
        for (const alert of delivery.sent) sent.add(alert.key);
        // A threshold alerts once a month: a forecast that dips back below it (or is missing one day) must not make
        // it alert again. The month is part of each key, so last month's fall away by themselves.
        const thisMonth = `budget:${cost.month}:`;
        const kept = (previous?.alerted ?? []).filter((key) => key.startsWith(thisMonth));
        return { alerted: [...new Set([...kept, ...delivery.activeKeys])] };
      },
    );
    return { alerts: current.map((a) => ({ ...a, sent: sent.has(a.key) })), problems: update.problems, failed: false };
  } catch (error) {
    return {
      alerts: current.map((a) => ({ ...a, sent: false })),
      problems: [`alerts not sent, the next run retries: ${describeError(error)}`],
      failed: true,
    };
  }
}

async function cohortReport(shared: Shared, cohort: ResolvedCohort): Promise<CohortReport> {
  const names = new CohortNames(shared.run.namePrefix, cohort.id);
  const problems: string[] = [];
  // The budget is the one figure the report cannot do without: a missing budget fails the cohort.
  const budget = await shared.apis.budgets.describeBudget(shared.apis.accountId, names.budget);
  if (budget.limitUsd !== cohort.budget.limitUsd) {
    problems.push(
      `the budget in AWS is ${formatUsd(budget.limitUsd)} but the cohort file says ${formatUsd(cohort.budget.limitUsd)}: apply the cohort`,
    );
  }
  const [athena, glue, storage] = await Promise.all([
    athenaSection(shared, cohort, names, problems),
    glueSection(shared, cohort, names, problems),
    storageSection(shared, cohort, names, problems),
  ]);
  const spend = shared.split?.byCohort.get(cohort.id);
  const cost: CohortCost = {
    cohortId: cohort.id,
    month: shared.period.month,
    budget: budgetStatus(budget),
    ...(spend === undefined ? {} : { spend }),
    crossings: crossings(budget, cohort.budget.alertPercents),
    athena,
    glue,
    storage,
  };
  const alerting = await alertCrossings(shared, cohort, names, cost, budget);
  problems.push(...alerting.problems);
  const status = alerting.failed ? 'failed' : problems.length > 0 || alerting.alerts.length > 0 ? 'warning' : 'ok';
  return {
    cohortId: cohort.id,
    status,
    summary: summaryLine(cost),
    problems,
    alerts: alerting.alerts,
    blocks: cohortBlocks(cost),
    data: cost,
  };
}

function notes(
  period: MonthToDate,
  now: Date,
  costs: TaggedCosts | undefined,
  error: string | undefined,
  split: SpendSplit | undefined,
): string[] {
  if (costs === undefined) {
    return [
      `Cost Explorer could not be read (${error ?? 'unknown error'}): daily spend and services are missing; budget figures come from AWS Budgets.`,
    ];
  }
  const out = [
    `Cost Explorer: ${plural(costs.requests, 'request')} this run for every cohort at once, billed ${formatUsd(costs.requests * COST_EXPLORER_REQUEST_USD)} (AWS charges ${formatUsd(COST_EXPLORER_REQUEST_USD)} per request and page).`,
  ];
  const days = split === undefined ? [] : [...split.byCohort.values()].flatMap((s) => s.lastDataDay ?? []);
  const newest = days.sort().at(-1);
  out.push(
    `Cost Explorer data lags up to 24 hours: as of ${now.toISOString()} the newest day with tagged cost is ${newest ?? 'none yet'} (month ${period.month}, UTC days); AWS Budgets refreshes a few times a day.`,
  );
  if (costs.truncated) {
    out.push(
      `Cost Explorer paging stopped at ${MAX_COST_EXPLORER_PAGES} pages: spend per day and service is incomplete.`,
    );
  }
  if (split !== undefined && split.unknown.length > 0) {
    const list = split.unknown.map((u) => `${u.tagValue} ${formatUsd(u.usd)}`);
    out.push(`Spend tagged ${TAG_COHORT} with ids that are no cohort here: ${someNames(list)}.`);
  }
  return out;
}

export async function runCostReport(apis: CostReportApis, run: CostReportRun): Promise<JobReport> {
  const now = run.ctx.now();
  const period = monthToDate(now);
  const costs = await attempt(() =>
    apis.costExplorer.dailyCostByTagAndService({ tagKey: TAG_COHORT, start: period.start, end: period.endExclusive }),
  );
  if (!costs.ok) run.ctx.logger.warn(`Cost Explorer: ${costs.error}`);
  const split = costs.ok
    ? splitByCohort(
        costs.value.rows,
        run.cohorts.map((c) => c.id),
        period,
      )
    : undefined;
  const shared: Shared = { apis, run, period, split };
  return runCohortJob(COST_REPORT_JOB, run.ctx, run.cohorts, (cohort) => cohortReport(shared, cohort), {
    ...(run.concurrency === undefined ? {} : { concurrency: run.concurrency }),
    notes: () => notes(period, now, costs.ok ? costs.value : undefined, costs.ok ? undefined : costs.error, split),
  });
}
