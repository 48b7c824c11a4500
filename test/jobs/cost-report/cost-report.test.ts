import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { costExplorerApi } from '../../../src/aws/cost-explorer.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { renderJson, renderMarkdown } from '../../../src/jobs/common/report.ts';
import type { CohortCost } from '../../../src/jobs/cost-report/cohort-cost.ts';
import { runCostReport } from '../../../src/jobs/cost-report/cost-report.ts';
import { MemoryS3, RecordingSns, testContext } from '../common/fakes.ts';
import {
  budgetName,
  cohort,
  type Fakes,
  fakes,
  giveBudgets,
  manyCohorts,
  NOW,
  PREFIX,
  prices,
  query,
  STATE_BUCKET,
  workgroup,
} from './fixtures.ts';

const GB = 1024 ** 3;

function run(f: Fakes, cohorts: readonly ResolvedCohort[], options: { now?: string; dryRun?: boolean } = {}) {
  const ctx = testContext(options.now ?? NOW, options.dryRun ?? false);
  return runCostReport(f.apis, { namePrefix: PREFIX, cohorts, ctx, prices });
}

const costOf = (data: unknown) => data as CohortCost;

describe('cost report', () => {
  it('asks Cost Explorer once for the month so far, by the cohort tag', async () => {
    const f = fakes();
    const cohorts = [cohort('seoul-1'), cohort('busan-1')];
    giveBudgets(f, cohorts);
    await run(f, cohorts);
    expect(f.costExplorer.queries).toEqual([{ tagKey: 'workshop:cohort', start: '2026-12-01', end: '2026-12-08' }]);
    expect(f.budgets.calls).toEqual([`123456789012/${budgetName('seoul-1')}`, `123456789012/${budgetName('busan-1')}`]);
  });

  it.each([1, 200])('makes the same number of Cost Explorer requests for %i cohorts, and states it', async (count) => {
    const f = fakes();
    const cohorts = manyCohorts(count);
    giveBudgets(f, cohorts);
    f.costExplorer.pagesPerQuery = 3;
    const report = await run(f, cohorts);
    expect(f.costExplorer.queries).toHaveLength(1);
    expect(report.cohorts).toHaveLength(count);
    expect(report.notes[0]).toBe(
      'Cost Explorer: 3 requests this run for every cohort at once, billed $0.03 (AWS charges $0.01 per request and page).',
    );
  });

  it.each([1, 200])('sends the same Cost Explorer requests through the SDK for %i cohorts', async (count) => {
    const ce = mockClient(CostExplorerClient);
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({ ResultsByTime: [], NextPageToken: 'a' })
      .resolvesOnce({ ResultsByTime: [], NextPageToken: 'b' })
      .resolvesOnce({ ResultsByTime: [] });
    const f = fakes();
    const cohorts = manyCohorts(count);
    giveBudgets(f, cohorts);
    const apis = { ...f.apis, costExplorer: costExplorerApi(new CostExplorerClient({})) };
    const report = await runCostReport(apis, { namePrefix: PREFIX, cohorts, ctx: testContext(NOW), prices });
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(3);
    expect(report.notes[0]).toMatch(/^Cost Explorer: 3 requests this run .* billed \$0\.03/);
    ce.restore();
  });

  it("splits Cost Explorer's rows per cohort and says how fresh they are", async () => {
    const f = fakes();
    const cohorts = [cohort('seoul-1'), cohort('busan-1')];
    giveBudgets(f, cohorts);
    f.costExplorer.rows = [
      { day: '2026-12-02', tagValue: 'seoul-1', service: 'Amazon Athena', amountUsd: 4, estimated: false },
      { day: '2026-12-05', tagValue: 'seoul-1', service: 'AWS Glue', amountUsd: 6, estimated: true },
      { day: '2026-12-06', tagValue: 'busan-1', service: 'Amazon S3', amountUsd: 1, estimated: true },
      { day: '2026-12-03', tagValue: 'old-cohort', service: 'Amazon S3', amountUsd: 2.5, estimated: false },
    ];
    const report = await run(f, cohorts);
    const seoul = costOf(report.cohorts[0]?.data);
    expect(seoul.spend?.totalUsd).toBe(10);
    expect(seoul.spend?.byService.map((s) => s.service)).toEqual(['AWS Glue', 'Amazon Athena']);
    expect(seoul.spend?.daily.map((d) => d.usd)).toEqual([0, 4, 0, 0, 6, 0, 0]);
    expect(report.notes[1]).toBe(
      'Cost Explorer data lags up to 24 hours: as of 2026-12-07T10:00:00.000Z the newest day with tagged cost is 2026-12-06 (month 2026-12, UTC days); AWS Budgets refreshes a few times a day.',
    );
    expect(report.notes[2]).toBe('Spend tagged workshop:cohort with ids that are no cohort here: old-cohort $2.50.');
  });

  it('keeps reporting budgets when Cost Explorer cannot be read', async () => {
    const f = fakes();
    const cohorts = [cohort('seoul-1')];
    giveBudgets(f, cohorts, 20, 40);
    f.costExplorer.failWith = Object.assign(new Error('User not enabled for cost explorer access'), {
      name: 'AccessDeniedException',
    });
    const report = await run(f, cohorts);
    expect(report.notes).toEqual([
      'Cost Explorer could not be read (AccessDeniedException: User not enabled for cost explorer access): daily spend and services are missing; budget figures come from AWS Budgets.',
    ]);
    expect(costOf(report.cohorts[0]?.data).budget.actualUsd).toBe(20);
    expect(costOf(report.cohorts[0]?.data).spend).toBeUndefined();
  });

  it('fails only the cohort whose budget does not exist', async () => {
    const f = fakes();
    const [gone, fine] = [cohort('gone-1'), cohort('fine-1')];
    giveBudgets(f, [fine]);
    const report = await run(f, [gone, fine]);
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['gone-1', 'failed'],
      ['fine-1', 'ok'],
    ]);
    expect(report.cohorts[0]?.problems).toEqual([
      `BudgetNotFoundError: budget "${budgetName('gone-1')}" does not exist: apply the cohort (its stack creates the budget), then re-run`,
    ]);
    expect(costOf(report.cohorts[1]?.data).budget.limitUsd).toBe(100);
  });

  it('prices Athena per student workgroup and advises on the costliest queries', async () => {
    const f = fakes();
    const c = cohort('seoul-1', { datasets: [{ name: 'trips', source: 'assets/trips.csv', format: 'csv' }] });
    giveBudgets(f, [c]);
    f.glue.tablesByDatabase.set('acme_ws_seoul_1', [
      { database: 'acme_ws_seoul_1', name: 'trips', format: 'csv', partitionKeys: ['year'] },
      { database: 'acme_ws_seoul_1', name: 'trips_parquet', format: 'parquet', partitionKeys: [] },
    ]);
    const scan = 'SELECT * FROM trips';
    f.athena.histories.set(workgroup('seoul-1', 'alice'), [
      query({ query: scan, scannedBytes: 100 * GB, database: 'acme_ws_seoul_1' }),
      query({ query: ` ${scan}\n`, scannedBytes: 100 * GB, database: 'acme_ws_seoul_1' }),
      query({ query: 'SELECT count(*) FROM trips_parquet WHERE year = 2024', scannedBytes: GB }),
      query({ query: 'DROP TABLE x', statementType: 'DDL', scannedBytes: 0 }),
      // Last month: outside the report.
      query({ query: scan, scannedBytes: 500 * GB, submittedAt: new Date('2026-11-30T10:00:00Z') }),
    ]);
    f.athena.histories.set(workgroup('seoul-1', 'bob'), [query({ query: 'SELECT 1', scannedBytes: 10 })]);
    const report = await run(f, [c]);
    const { athena } = costOf(report.cohorts[0]?.data);
    expect(athena.workgroups.map((w) => [w.owner, w.queries])).toEqual([
      ['alice', 4],
      ['bob', 1],
      ['instructors', 0],
    ]);
    const alice = athena.workgroups[0];
    // 201 GiB billed at $5 per TiB (us-east-1 in the checked-in table).
    expect(alice?.costUsd).toBeCloseTo((201 / 1024) * 5, 10);
    expect(athena.topQueries[0]).toMatchObject({ owner: 'alice', runs: 2, query: scan });
    expect(athena.topQueries[0]?.advice.map((a) => a.kind)).toEqual(['raw-csv', 'unfiltered-star', 'no-limit']);
    expect(athena.topQueries[0]?.advice[0]?.message).toContain('trips_parquet');
  });

  it('prices Glue runs per job and suggests a lower worker ceiling', async () => {
    const f = fakes();
    const c = cohort('seoul-1', {
      etl: [{ name: 'clean', script: 'etl/clean.py', workerType: 'G.1X', maxWorkers: 10 }],
    });
    giveBudgets(f, [c]);
    const started = new Date('2026-12-03T09:00:00Z');
    f.glue.runs.set(`${PREFIX}-seoul-1-clean`, [
      { jobName: 'x', id: 'r1', state: 'SUCCEEDED', startedOn: started, executionSeconds: 3600, dpuSeconds: 2 * 3600 },
    ]);
    f.glue.runs.set(`${PREFIX}-seoul-1_alice_clean`, [
      { jobName: 'x', id: 'r2', state: 'SUCCEEDED', startedOn: started, executionSeconds: 1800, dpuSeconds: 1800 },
    ]);
    const report = await run(f, [c]);
    const { glue } = costOf(report.cohorts[0]?.data);
    expect(glue.jobs.filter((j) => j.runs > 0).map((j) => [j.owner, j.dpuHours])).toEqual([
      ['shared', 2],
      ['alice', 0.5],
    ]);
    expect(glue.totalUsd).toBeCloseTo(2.5 * 0.44, 10);
    expect(glue.advice.map((a) => [a.etl, a.suggestedMaxWorkers])).toEqual([['clean', 3]]);
    // Bob's copy was never created: reported, not failed.
    expect(report.cohorts[0]?.problems).toEqual([
      `Glue jobs ${PREFIX}-seoul-1_bob_clean do not exist yet: apply the cohort`,
    ]);
    expect(report.cohorts[0]?.status).toBe('warning');
  });

  it("reports a workgroup it cannot read and the other workgroups' figures", async () => {
    const f = fakes();
    const c = cohort('seoul-1');
    giveBudgets(f, [c]);
    f.athena.failing.add(workgroup('seoul-1', 'bob'));
    f.athena.histories.set(workgroup('seoul-1', 'alice'), [query({ query: 'SELECT 1', scannedBytes: GB })]);
    const report = await run(f, [c]);
    expect(report.cohorts[0]?.problems).toEqual([
      `could not read the Athena query history of ${workgroup('seoul-1', 'bob')}: InvalidRequestException: WorkGroup ${workgroup('seoul-1', 'bob')} is not found`,
    ]);
    expect(costOf(report.cohorts[0]?.data).athena.workgroups.map((w) => w.owner)).toEqual(['alice', 'instructors']);
  });

  it('says which figures are a lower bound when a history was longer than the bound', async () => {
    const f = fakes();
    const c = cohort('seoul-1');
    giveBudgets(f, [c]);
    f.athena.cut.add(workgroup('seoul-1', 'alice'));
    f.athena.histories.set(workgroup('seoul-1', 'alice'), [query({ query: 'SELECT 1', scannedBytes: GB })]);
    const report = await run(f, [c]);
    expect(report.cohorts[0]?.problems).toEqual([
      `Athena workgroups ${workgroup('seoul-1', 'alice')} ran more queries than the report reads: their figures are a lower bound`,
    ]);
    expect(renderMarkdown(report)).toMatch(/\| alice \| acme-ws-seoul-1\\_alice \| 1\+ \|/);
  });

  it('reads bucket sizes in both regions of a cohort with a backup region', async () => {
    const f = fakes();
    const c = cohort('seoul-1', { regions: { primary: 'us-east-1', backup: 'us-west-2' } });
    giveBudgets(f, [c]);
    const at = new Date('2026-12-06T00:00:00Z');
    f.cloudwatch.metrics = [
      { bucket: `${PREFIX}-seoul-1-raw`, storageType: 'StandardStorage', bytes: 2 * GB, at },
      { bucket: `${PREFIX}-seoul-1-raw-dr`, storageType: 'GlacierStorage', bytes: GB, at },
    ];
    const { storage } = costOf((await run(f, [c])).cohorts[0]?.data);
    const sized = storage.filter((b) => b.totalBytes > 0);
    expect(sized.map((b) => [b.bucket, b.region, b.classes[0]?.storageClass])).toEqual([
      [`${PREFIX}-seoul-1-raw`, 'us-east-1', 'Standard'],
      [`${PREFIX}-seoul-1-raw-dr`, 'us-west-2', 'Glacier Flexible Retrieval'],
    ]);
  });

  it('names a budget in AWS that differs from the cohort file', async () => {
    const f = fakes();
    const c = cohort('seoul-1', { budget: { limitUsd: 250 } });
    giveBudgets(f, [c]);
    const report = await run(f, [c]);
    expect(report.cohorts[0]?.problems).toEqual([
      'the budget in AWS is $100.00 but the cohort file says $250.00: apply the cohort',
    ]);
  });

  it('renders Markdown and JSON from the same data, query text escaped', async () => {
    const f = fakes();
    const c = cohort('seoul-1');
    giveBudgets(f, [c]);
    f.athena.histories.set(workgroup('seoul-1', 'alice'), [
      query({ query: 'SELECT "<img src=x>" , * FROM t -- @everyone | #1', scannedBytes: GB }),
    ]);
    const report = await run(f, [c]);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('```mermaid\nxychart-beta');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('@everyone');
    expect(markdown).toContain('&lt;img src=x&gt;');
    const json = JSON.parse(renderJson(report)) as { cohorts: { data: CohortCost }[] };
    expect(json.cohorts[0]?.data.athena.topQueries[0]?.query).toBe('SELECT "<img src=x>" , * FROM t -- @everyone | #1');
  });
});

describe('budget alerts', () => {
  /** Two runs (or more) sharing the state bucket and the SNS topic. */
  function shared() {
    return { s3: new MemoryS3(), sns: new RecordingSns() };
  }

  async function runWith(
    state: ReturnType<typeof shared>,
    actualUsd: number,
    forecastUsd: number,
    now = NOW,
    dryRun = false,
  ) {
    const f = fakes(state);
    const c = cohort('seoul-1');
    giveBudgets(f, [c], actualUsd, forecastUsd);
    f.costExplorer.rows = [
      { day: '2026-12-02', tagValue: 'seoul-1', service: 'Amazon Athena', amountUsd: actualUsd, estimated: false },
    ];
    return run(f, [c], { now, dryRun });
  }

  it('alerts a crossed threshold once across two runs, naming what drove the spend', async () => {
    const state = shared();
    const first = await runWith(state, 55, 70);
    expect(first.cohorts[0]?.alerts.map((a) => [a.key, a.sent])).toEqual([
      ['budget:2026-12:actual:50', true],
      ['budget:2026-12:forecast:50', true],
    ]);
    expect(state.sns.published).toHaveLength(1);
    expect(state.sns.published[0]?.topicArn).toBe(`arn:aws:sns:us-east-1:123456789012:${PREFIX}-seoul-1-alerts`);
    expect(state.sns.published[0]?.message).toContain('Spend drivers: services: Amazon Athena $55.00');
    expect(state.s3.objects.has(`${STATE_BUCKET}/ops/seoul-1/cost-report.json`)).toBe(true);

    const second = await runWith(state, 58, 75);
    expect(second.cohorts[0]?.alerts.map((a) => a.sent)).toEqual([false, false]);
    expect(state.sns.published).toHaveLength(1);

    const third = await runWith(state, 85, 120);
    expect(third.cohorts[0]?.alerts.filter((a) => a.sent).map((a) => a.key)).toEqual([
      'budget:2026-12:actual:80',
      'budget:2026-12:forecast:80',
      'budget:2026-12:forecast:100',
    ]);
    expect(state.sns.published).toHaveLength(2);
  });

  it('does not alert a forecast threshold again after the forecast dips below it and back in the same month', async () => {
    const state = shared();
    await runWith(state, 40, 85);
    expect(state.sns.published).toHaveLength(1);
    await runWith(state, 40, 75);
    const back = await runWith(state, 40, 85);
    expect(back.cohorts[0]?.alerts.filter((a) => a.sent)).toEqual([]);
    expect(state.sns.published).toHaveLength(1);
  });

  it('alerts again in a new month, when the budget has started over', async () => {
    const state = shared();
    await runWith(state, 55, 60);
    const january = await runWith(state, 55, 60, '2027-01-20T10:00:00Z');
    expect(january.cohorts[0]?.alerts.filter((a) => a.sent).map((a) => a.key)).toEqual([
      'budget:2027-01:actual:50',
      'budget:2027-01:forecast:50',
    ]);
  });

  it('sends nothing and records nothing on a dry run', async () => {
    const state = shared();
    const dry = await runWith(state, 55, 60, NOW, true);
    expect(dry.cohorts[0]?.alerts.map((a) => a.sent)).toEqual([false, false]);
    expect(state.sns.published).toHaveLength(0);
    expect(state.s3.puts).toBe(0);
    await runWith(state, 55, 60);
    expect(state.sns.published).toHaveLength(1);
  });

  it('fails the cohort and keeps the state when the alert cannot be sent, so the next run retries', async () => {
    const state = shared();
    state.sns.failWith = new Error('KMS key disabled');
    const failed = await runWith(state, 55, 60);
    expect(failed.cohorts[0]?.status).toBe('failed');
    expect(failed.cohorts[0]?.problems.join('\n')).toMatch(/alerts not sent, the next run retries: .*KMS key disabled/);
    expect(state.s3.puts).toBe(0);
    state.sns.failWith = undefined;
    await runWith(state, 55, 60);
    expect(state.sns.published).toHaveLength(1);
  });
});
