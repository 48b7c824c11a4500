import { describe, expect, it } from 'vitest';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { snsSlackAlertSink } from '../../../src/jobs/common/alerts.ts';
import { runCohortJob } from '../../../src/jobs/common/job.ts';
import { OpsStateStore } from '../../../src/jobs/common/ops-state.ts';
import { CRAWL_JOB, type CrawlCohortDeps, crawlCohort } from '../../../src/jobs/crawl/crawl.ts';
import { type CrawlerRun, DEFAULT_WAIT } from '../../../src/jobs/crawl/run-crawlers.ts';
import { ACCOUNT, SETTINGS, testCohort } from '../common/cohorts.ts';
import { captureLogger, fixedClock, MemoryS3, RecordingSns } from '../common/fakes.ts';
import { FakeGlue, type ScriptedCrawler } from './fakes.ts';

const IN_SESSION = '2026-12-08T01:00:00Z';

const DATASETS = [
  {
    name: 'trips',
    source: 'assets/trips.csv',
    format: 'csv' as const,
    columns: [
      { name: 'trip_id', type: 'bigint' },
      { name: 'fare', type: 'decimal(10,2)' },
      { name: 'city', type: 'string' },
    ],
  },
  { name: 'zones', source: 'assets/zones.csv', format: 'csv' as const },
];

function world(iso = IN_SESSION) {
  const clock = fixedClock(iso);
  const glue = new FakeGlue(clock.now);
  const s3 = new MemoryS3();
  const sns = new RecordingSns();
  const sleeps: number[] = [];
  return { clock, glue, s3, sns, sleeps };
}
type World = ReturnType<typeof world>;

function script(over: Partial<ScriptedCrawler> = {}): ScriptedCrawler {
  return { initial: 'READY', runningPolls: 2, outcome: 'SUCCEEDED', ...over };
}

const goodTable = {
  name: 'trips',
  location: 's3://acme-ws-seoul-1-raw/trips/',
  columns: [
    { name: 'trip_id', type: 'bigint' },
    { name: 'fare', type: 'decimal(10, 2)' },
    { name: 'City', type: 'STRING' },
  ],
  partitionKeys: [],
};

function ready(w: World, cohortId = 'seoul-1', overrides: Partial<ScriptedCrawler> = {}) {
  w.glue.crawlerScripts.set(
    `acme-ws-${cohortId}-trips`,
    script({ metrics: { lastRuntimeSeconds: 95, tablesCreated: 1, tablesUpdated: 0, tablesDeleted: 0 }, ...overrides }),
  );
  w.glue.crawlerScripts.set(`acme-ws-${cohortId}-zones`, script());
  w.glue.tablesByDatabase.set(`acme_ws_${cohortId.replaceAll('-', '_')}`, [
    { ...goodTable, location: `s3://acme-ws-${cohortId}-raw/trips/` },
  ]);
}

async function run(w: World, cohorts: ResolvedCohort[], options: { dryRun?: boolean; timeoutMs?: number } = {}) {
  const { logger, lines } = captureLogger();
  const ctx = { now: w.clock.now, logger, dryRun: options.dryRun ?? false };
  const deps: CrawlCohortDeps = {
    glue: () => w.glue,
    state: new OpsStateStore(w.s3, SETTINGS.state.bucket),
    alerts: snsSlackAlertSink({ sns: () => w.sns, env: {}, logger }),
    accountId: ACCOUNT,
    namePrefix: SETTINGS.namePrefix,
    sleep: async (ms) => {
      w.sleeps.push(ms);
      w.clock.advance(ms);
    },
    wait: { ...DEFAULT_WAIT, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
  };
  const report = await runCohortJob(CRAWL_JOB, ctx, cohorts, (c) => crawlCohort(c, deps, ctx));
  return { report, lines };
}

const crawlersOf = (data: unknown) => (data as { crawlers: CrawlerRun[] }).crawlers;

describe('crawl', () => {
  it('starts each crawler, waits with growing pauses and reports result, duration and tables', async () => {
    const w = world();
    ready(w);
    const { report } = await run(w, [testCohort('seoul-1', { datasets: DATASETS })]);
    const cohort = report.cohorts[0];
    expect(cohort?.status).toBe('ok');
    expect(w.glue.started).toEqual(['acme-ws-seoul-1-trips', 'acme-ws-seoul-1-zones']);
    expect(crawlersOf(cohort?.data)[0]).toEqual({
      crawler: 'acme-ws-seoul-1-trips',
      dataset: 'trips',
      start: 'started',
      result: 'SUCCEEDED',
      durationSeconds: 95,
      tablesCreated: 1,
      tablesUpdated: 0,
      tablesDeleted: 0,
    });
    expect(w.sleeps).toEqual([15_000, 22_500, 33_750]);
    // One batched status request per poll for all the cohort's crawlers.
    expect(w.glue.batchCalls.every((names) => names.length === 2)).toBe(true);
  });

  it('joins a crawler that is already running instead of failing', async () => {
    const w = world();
    ready(w);
    w.glue.crawlerScripts.set('acme-ws-seoul-1-zones', script({ initial: 'RUNNING', runningPolls: 3 }));
    w.glue.crawlerScripts.set('acme-ws-seoul-1-trips', script({ raceOnStart: true }));
    const { report } = await run(w, [testCohort('seoul-1', { datasets: DATASETS })]);
    expect(report.cohorts[0]?.status).toBe('ok');
    expect(w.glue.started).toEqual([]);
    expect(crawlersOf(report.cohorts[0]?.data).map((r) => [r.start, r.result])).toEqual([
      ['already-running', 'SUCCEEDED'],
      ['already-running', 'SUCCEEDED'],
    ]);
  });

  it('times out after the bound, fails the cohort and alerts', async () => {
    const w = world();
    ready(w);
    w.glue.crawlerScripts.set('acme-ws-seoul-1-zones', script({ runningPolls: Number.POSITIVE_INFINITY }));
    const timeoutMs = 10 * 60_000;
    const { report } = await run(w, [testCohort('seoul-1', { datasets: DATASETS })], { timeoutMs });
    expect(w.sleeps.reduce((a, b) => a + b, 0)).toBe(timeoutMs);
    const zones = crawlersOf(report.cohorts[0]?.data).find((r) => r.dataset === 'zones');
    expect(zones).toMatchObject({
      result: 'TIMEOUT',
      durationSeconds: 600,
      error: 'still running after 10 minutes of waiting',
    });
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(w.sns.published[0]?.message).toContain('Crawler acme-ws-seoul-1-zones of seoul-1 timed out');
  });

  it('checks the catalog against the declared columns: missing, extra and mistyped columns, missing table', async () => {
    const w = world();
    ready(w);
    w.glue.tablesByDatabase.set('acme_ws_seoul_1', [
      {
        name: 'trips',
        columns: [
          { name: 'trip_id', type: 'string' },
          { name: 'CITY', type: 'string' },
          { name: 'partition_0', type: 'string' },
        ],
        partitionKeys: [],
      },
    ]);
    const datasets = [
      ...DATASETS,
      { name: 'riders', source: 'r.csv', format: 'csv' as const, columns: [{ name: 'id', type: 'int' }] },
    ];
    w.glue.crawlerScripts.set('acme-ws-seoul-1-riders', script());
    const { report } = await run(w, [testCohort('seoul-1', { datasets })]);
    const cohort = report.cohorts[0];
    expect(cohort?.status).toBe('failed');
    expect(cohort?.problems).toEqual([
      'trips: column trip_id is string in the table, declared bigint',
      'trips: column fare (decimal(10,2)) is declared but not in the table',
      'trips: column partition_0 (string) is in the table but not declared',
      'riders: no table in the catalog (has the crawler run over data?)',
    ]);
    expect(cohort?.alerts.map((a) => a.key)).toEqual([
      'schema:trips:type-mismatch:trip_id',
      'schema:trips:missing-column:fare',
      'schema:trips:extra-column:partition_0',
      'schema:riders:missing-table',
    ]);
  });

  it('alerts a failing crawler once across two runs, and again only after it recovered and failed anew', async () => {
    const w = world();
    const cohort = testCohort('seoul-1', { datasets: DATASETS });
    const failing = () =>
      ready(w, 'seoul-1', { outcome: 'FAILED', errorMessage: 'Insufficient Lake Formation permission(s)' });
    failing();
    const first = await run(w, [cohort]);
    expect(first.report.cohorts[0]?.alerts).toEqual([
      expect.objectContaining({ key: 'crawler:acme-ws-seoul-1-trips:failed', sent: true }),
    ]);
    failing();
    const second = await run(w, [cohort]);
    expect(second.report.cohorts[0]?.status).toBe('failed');
    expect(second.report.cohorts[0]?.alerts).toEqual([expect.objectContaining({ sent: false })]);
    expect(w.sns.published).toHaveLength(1);
    expect(w.sns.published[0]?.message).toContain('Insufficient Lake Formation permission(s)');
    ready(w);
    await run(w, [cohort]);
    failing();
    await run(w, [cohort]);
    expect(w.sns.published).toHaveLength(2);
  });

  it('crawls only from one day before the start to the end of the cohort', async () => {
    const cohort = testCohort('seoul-1', { datasets: DATASETS });
    // Start is 2026-12-07 00:00 in Seoul (UTC+9), i.e. 2026-12-06T15:00Z; end 2026-12-09T14:59:59.999Z.
    for (const [iso, crawled] of [
      ['2026-12-05T14:59:00Z', false],
      ['2026-12-05T15:00:00Z', true],
      ['2026-12-09T14:59:00Z', true],
      ['2026-12-09T15:00:00Z', false],
    ] as const) {
      const w = world(iso);
      ready(w);
      const { report } = await run(w, [cohort]);
      expect(report.cohorts[0]?.status === 'skipped', iso).toBe(!crawled);
      expect(w.glue.started.length > 0, iso).toBe(crawled);
    }
  });

  it('reports a crawler Glue does not know as missing', async () => {
    const w = world();
    ready(w);
    w.glue.crawlerScripts.delete('acme-ws-seoul-1-zones');
    const { report } = await run(w, [testCohort('seoul-1', { datasets: DATASETS })]);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.problems).toContain(
      'crawler acme-ws-seoul-1-zones: MISSING (Glue has no crawler of this name: apply the cohort)',
    );
  });

  it('starts nothing and sends nothing on a dry run, but still checks the schema', async () => {
    const w = world();
    ready(w);
    w.glue.tablesByDatabase.set('acme_ws_seoul_1', []);
    const { report } = await run(w, [testCohort('seoul-1', { datasets: DATASETS })], { dryRun: true });
    expect(w.glue.started).toEqual([]);
    expect(w.sleeps).toEqual([]);
    expect(w.sns.published).toEqual([]);
    expect(w.s3.puts).toBe(0);
    expect(crawlersOf(report.cohorts[0]?.data).map((r) => r.result)).toEqual(['WOULD_START', 'WOULD_START']);
    expect(report.cohorts[0]?.problems).toEqual(['trips: no table in the catalog (has the crawler run over data?)']);
  });

  it('skips a cohort without datasets', async () => {
    const w = world();
    const { report } = await run(w, [testCohort('seoul-1')]);
    expect(report.cohorts[0]).toMatchObject({ status: 'skipped', summary: 'no datasets to crawl' });
  });
});
