/** Cohorts, prices and in-memory fakes of every interface the cost report uses, for tests with a fixed clock. */
import { readFileSync } from 'node:fs';
import type { AthenaApi, QueryExecutionSummary } from '../../../src/aws/athena.ts';
import { BudgetNotFoundError, type BudgetSpend, type BudgetsApi } from '../../../src/aws/budgets.ts';
import type { BucketStorage, CloudWatchApi } from '../../../src/aws/cloudwatch.ts';
import type { CostExplorerApi, DailyTaggedCost, TaggedCostQuery } from '../../../src/aws/cost-explorer.ts';
import type { GlueReadsApi, GlueTable, JobRunSummary } from '../../../src/aws/glue-job-runs.ts';
import { Cohort, type CohortInput, type ResolvedCohort } from '../../../src/cohort/schema.ts';
import { PRICES_PATH, parsePriceTable } from '../../../src/cost/price-table.ts';
import { snsSlackAlertSink } from '../../../src/jobs/common/alerts.ts';
import { OpsStateStore } from '../../../src/jobs/common/ops-state.ts';
import type { CostReportApis } from '../../../src/jobs/cost-report/cost-report.ts';
import { captureLogger, MemoryS3, RecordingSns } from '../common/fakes.ts';

export const PREFIX = 'acme-ws';
export const ACCOUNT = '123456789012';
export const STATE_BUCKET = 'acme-workshops-terraform-state';
export const NOW = '2026-12-07T10:00:00Z';
// Tests run from the repository root; a path (not a URL) also works under the jsdom environment.
export const prices = parsePriceTable(JSON.parse(readFileSync(PRICES_PATH, 'utf8')));

export function cohort(id: string, over: Partial<CohortInput> = {}): ResolvedCohort {
  const parsed = Cohort.parse({
    id,
    title: `Cohort ${id}`,
    owner: 'jkim',
    schedule: { start: '2026-12-01', end: '2026-12-20', timezone: 'UTC' },
    regions: { primary: 'us-east-1' },
    budget: { limitUsd: 100, alertPercents: [50, 80, 100] },
    instructors: [{ name: 'Jiwoo Kim', email: 'jiwoo@example.com' }],
    students: [
      { id: 'alice', name: 'Alice', email: 'alice@example.com' },
      { id: 'bob', name: 'Bob', email: 'bob@example.com' },
    ],
    ...over,
  });
  return { ...parsed, students: parsed.students ?? [] };
}

/** `count` cohorts named c001, c002, ... */
export function manyCohorts(count: number): ResolvedCohort[] {
  return Array.from({ length: count }, (_, i) => cohort(`c${String(i + 1).padStart(3, '0')}`));
}

export const budgetName = (cohortId: string) => `${PREFIX}-${cohortId}-monthly`;
export const workgroup = (cohortId: string, student: string) => `${PREFIX}-${cohortId}_${student}`;

export function query(over: Partial<QueryExecutionSummary> & { query: string }): QueryExecutionSummary {
  return {
    id: `q-${Math.random().toString(36).slice(2)}`,
    workgroup: 'wg',
    state: 'SUCCEEDED',
    statementType: 'DML',
    submittedAt: new Date('2026-12-05T10:00:00Z'),
    scannedBytes: 0,
    ...over,
  };
}

export class FakeCostExplorer implements CostExplorerApi {
  rows: DailyTaggedCost[] = [];
  pagesPerQuery = 1;
  readonly queries: TaggedCostQuery[] = [];
  failWith: Error | undefined;

  async dailyCostByTagAndService(q: TaggedCostQuery) {
    this.queries.push(q);
    if (this.failWith) throw this.failWith;
    return { rows: this.rows, requests: this.pagesPerQuery, truncated: false };
  }
}

export class FakeBudgets implements BudgetsApi {
  readonly budgets = new Map<string, Omit<BudgetSpend, 'name'>>();
  readonly calls: string[] = [];

  async describeBudget(accountId: string, name: string): Promise<BudgetSpend> {
    this.calls.push(`${accountId}/${name}`);
    const found = this.budgets.get(name);
    if (!found) throw new BudgetNotFoundError(name);
    return { name, ...found };
  }
}

export class FakeAthena implements AthenaApi {
  readonly histories = new Map<string, QueryExecutionSummary[]>();
  readonly failing = new Set<string>();
  /** Workgroups whose history is longer than the adapter's bound. */
  readonly cut = new Set<string>();

  async queryHistory(name: string, options: { since: Date }) {
    if (this.failing.has(name)) throw new Error(`InvalidRequestException: WorkGroup ${name} is not found`);
    const executions = (this.histories.get(name) ?? [])
      .map((e) => ({ ...e, workgroup: name }))
      .filter((e) => (e.submittedAt?.getTime() ?? 0) >= options.since.getTime());
    return { executions, truncated: this.cut.has(name) };
  }
}

export class FakeGlue implements GlueReadsApi {
  readonly runs = new Map<string, JobRunSummary[]>();
  readonly tablesByDatabase = new Map<string, GlueTable[]>();

  async jobRuns(jobName: string) {
    const runs = this.runs.get(jobName);
    return { runs: runs ?? [], truncated: false, missing: runs === undefined };
  }

  async tables(database: string) {
    return this.tablesByDatabase.get(database) ?? [];
  }
}

export class FakeCloudWatch implements CloudWatchApi {
  metrics: BucketStorage[] = [];

  async bucketSizes(buckets: readonly string[]) {
    return this.metrics.filter((m) => buckets.includes(m.bucket));
  }
}

export interface Fakes {
  readonly apis: CostReportApis;
  readonly costExplorer: FakeCostExplorer;
  readonly budgets: FakeBudgets;
  readonly athena: FakeAthena;
  readonly glue: FakeGlue;
  readonly cloudwatch: FakeCloudWatch;
  readonly s3: MemoryS3;
  readonly sns: RecordingSns;
}

/** Fakes whose state (S3 objects, SNS messages) can be shared by several runs. */
export function fakes(shared: { s3?: MemoryS3; sns?: RecordingSns } = {}): Fakes {
  const costExplorer = new FakeCostExplorer();
  const budgets = new FakeBudgets();
  const athena = new FakeAthena();
  const glue = new FakeGlue();
  const cloudwatch = new FakeCloudWatch();
  const s3 = shared.s3 ?? new MemoryS3();
  const sns = shared.sns ?? new RecordingSns();
  const apis: CostReportApis = {
    accountId: ACCOUNT,
    costExplorer,
    budgets,
    athena: () => athena,
    glue: () => glue,
    cloudwatch: () => cloudwatch,
    state: new OpsStateStore(s3, STATE_BUCKET),
    alerts: snsSlackAlertSink({ sns: () => sns, env: {}, logger: captureLogger().logger }),
  };
  return { apis, costExplorer, budgets, athena, glue, cloudwatch, s3, sns };
}

/** A budget for each cohort: `actual` and `forecast` in dollars against a $100 limit. */
export function giveBudgets(f: Fakes, cohorts: readonly ResolvedCohort[], actualUsd = 10, forecastUsd = 30): void {
  for (const c of cohorts) f.budgets.budgets.set(budgetName(c.id), { limitUsd: 100, actualUsd, forecastUsd });
}
