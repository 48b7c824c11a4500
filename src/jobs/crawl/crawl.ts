/**
 * `crawl`: for each cohort in session, refresh the catalog (start every dataset's crawler, wait, report what each
 * crawl did) and then check it against the datasets' declared columns. A failed or timed-out crawl, a missing
 * crawler or a schema mismatch fails the cohort and alerts, once, until it clears.
 */
import type { GlueApi } from '../../aws/glue.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { type Alert, type AlertSink, cohortAlertTarget, deliverNewAlerts } from '../common/alerts.ts';
import type { JobContext, Sleep } from '../common/job-context.ts';
import { type OpsStateStore, updateOpsState } from '../common/ops-state.ts';
import type { CohortReport, ReportedAlert } from '../common/report.ts';
import { type CrawlerRun, runCrawlers, type WaitOptions } from './run-crawlers.ts';
import { checkSchemas, describeFinding, findingKey, type SchemaFinding } from './schema-check.ts';
import { crawlWindow, inCrawlWindow } from './session.ts';
import { CrawlState } from './state.ts';

export const CRAWL_JOB = 'crawl';

export interface CrawlCohortDeps {
  readonly glue: (region: string) => GlueApi;
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
  readonly accountId: string;
  readonly namePrefix: string;
  readonly sleep: Sleep;
  readonly wait: WaitOptions;
}

const BAD: ReadonlySet<CrawlerRun['result']> = new Set(['FAILED', 'CANCELLED', 'TIMEOUT', 'MISSING']);

function crawlAlert(run: CrawlerRun, cohortId: string): Alert {
  const what = run.result === 'TIMEOUT' ? 'timed out' : run.result === 'MISSING' ? 'is missing' : 'failed';
  return {
    key: `crawler:${run.crawler}:${run.result.toLowerCase()}`,
    title: `Crawler ${run.crawler} of ${cohortId} ${what} (dataset ${run.dataset})`,
    ...(run.error === undefined ? {} : { detail: run.error }),
  };
}

function schemaAlert(finding: SchemaFinding, cohortId: string): Alert {
  return { key: findingKey(finding), title: `Schema check of ${cohortId}: ${describeFinding(finding)}` };
}

function seconds(value: number | undefined): string {
  if (value === undefined) return '';
  return value < 120 ? `${value} s` : `${Math.round(value / 60)} min`;
}

function skipped(cohort: ResolvedCohort, why: string): CohortReport {
  return { cohortId: cohort.id, status: 'skipped', summary: why, problems: [], alerts: [], blocks: [] };
}

function report(
  cohort: ResolvedCohort,
  runs: readonly CrawlerRun[],
  findings: readonly SchemaFinding[],
  checked: number,
  problems: readonly string[],
  alerts: readonly ReportedAlert[],
): CohortReport {
  const failedRuns = runs.filter((r) => BAD.has(r.result));
  const ok = failedRuns.length === 0 && findings.length === 0;
  const crawled = `${runs.length - failedRuns.length}/${runs.length} crawls fine`;
  const schema =
    checked === 0 ? 'no declared columns to check' : `${findings.length} schema finding(s) in ${checked} dataset(s)`;
  return {
    cohortId: cohort.id,
    status: ok ? (problems.length > 0 ? 'warning' : 'ok') : 'failed',
    summary: `${crawled}; ${schema}`,
    problems: [
      ...problems,
      ...failedRuns.map((r) => `crawler ${r.crawler}: ${r.result}${r.error === undefined ? '' : ` (${r.error})`}`),
      ...findings.map(describeFinding),
    ],
    alerts,
    blocks: [
      {
        kind: 'table',
        title: 'Crawlers',
        columns: ['Crawler', 'Dataset', 'Start', 'Result', 'Duration', 'Tables created', 'Updated', 'Deleted'],
        rows: runs.map((r) => [
          r.crawler,
          r.dataset,
          r.start,
          r.result,
          seconds(r.durationSeconds),
          r.tablesCreated ?? '',
          r.tablesUpdated ?? '',
          r.tablesDeleted ?? '',
        ]),
      },
      ...(findings.length === 0
        ? []
        : [{ kind: 'list' as const, title: 'Schema check', items: findings.map(describeFinding) }]),
    ],
    data: { crawlers: runs, schema: findings },
  };
}

export async function crawlCohort(
  cohort: ResolvedCohort,
  deps: CrawlCohortDeps,
  ctx: JobContext,
): Promise<CohortReport> {
  const now = ctx.now();
  if (!inCrawlWindow(cohort, now)) {
    const { from, to } = crawlWindow(cohort);
    return skipped(cohort, `not in session (crawls run from ${from.toISOString()} to ${to.toISOString()})`);
  }
  if (cohort.datasets.length === 0) return skipped(cohort, 'no datasets to crawl');

  const names = new CohortNames(deps.namePrefix, cohort.id);
  const glue = deps.glue(cohort.regions.primary);
  const crawlers = new Map(cohort.datasets.map((d) => [names.crawler(d.name), d.name]));
  const runs = await runCrawlers(
    { glue, now: ctx.now, sleep: deps.sleep, dryRun: ctx.dryRun, wait: deps.wait },
    crawlers,
  );

  const declared = cohort.datasets.filter((d) => d.columns !== undefined);
  const tables = declared.length === 0 ? [] : await glue.tables(names.database);
  const rawBucket = names.bucket('raw');
  const findings = checkSchemas(declared, tables, (dataset) => `s3://${rawBucket}/${dataset}/`);

  const current = [
    ...runs.filter((r) => BAD.has(r.result)).map((r) => crawlAlert(r, cohort.id)),
    ...findings.map((f) => schemaAlert(f, cohort.id)),
  ];
  const target = cohortAlertTarget(cohort, names.topic, deps.accountId, CRAWL_JOB);
  let reported: ReportedAlert[] = [];
  const where = { cohortId: cohort.id, job: CRAWL_JOB, now: ctx.now(), dryRun: ctx.dryRun };
  const { problems } = await updateOpsState(deps.state, where, CrawlState, async (previous) => {
    const delivery = await deliverNewAlerts(deps.alerts, target, previous?.activeAlerts, current, ctx.dryRun);
    const sent = new Set(delivery.sent.map((a) => a.key));
    reported = current.map((a) => ({ ...a, sent: sent.has(a.key) }));
    return { activeAlerts: delivery.activeKeys };
  });
  return report(cohort, runs, findings, declared.length, problems, reported);
}
