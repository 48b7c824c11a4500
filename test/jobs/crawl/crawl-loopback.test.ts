import { describe, expect, it } from 'vitest';
import { crawlJob } from '../../../src/jobs/crawl/job.ts';
import type { CrawlerRun } from '../../../src/jobs/crawl/run-crawlers.ts';
import {
  awsError,
  json,
  type LoopbackHandler,
  loopbackSession,
  memoryObjects,
  queryResult,
} from '../../support/aws-loopback.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';

const session = loopbackSession();

/** Glue in every region but `deniedRegion`: a crawler runs for two polls after its start, then succeeds. */
function glueWorld(deniedRegion: string) {
  const polls = new Map<string, number>();
  const startedAt = new Map<string, number>();
  const objects = memoryObjects();
  const published: string[] = [];
  const handler: LoopbackHandler = (r) => {
    const s3 = objects.handle(r);
    if (s3 !== undefined) return s3;
    if (r.service === 'sns') {
      published.push(r.params.get('Message') ?? '');
      return queryResult('Publish', { MessageId: 'p' });
    }
    if (r.service !== 'glue') return awsError(r.service, 'UnknownOperation', r.operation);
    if (r.region === deniedRegion) {
      return awsError('glue', 'AccessDeniedException', `User: ops is not authorized to perform: glue:${r.operation}`);
    }
    const body = JSON.parse(r.body || '{}') as { Name?: string; CrawlerNames?: string[]; CrawlerNameList?: string[] };
    switch (r.operation) {
      case 'StartCrawler':
        startedAt.set(body.Name ?? '', Date.now() / 1000);
        polls.set(body.Name ?? '', 0);
        return json({});
      case 'BatchGetCrawlers':
        return json({
          Crawlers: (body.CrawlerNames ?? []).map((name) => {
            const seen = polls.get(name);
            if (seen === undefined) return { Name: name, State: 'READY' };
            polls.set(name, seen + 1);
            if (seen < 2) return { Name: name, State: 'RUNNING' };
            return { Name: name, State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: startedAt.get(name) } };
          }),
          CrawlersNotFound: [],
        });
      case 'GetCrawlerMetrics':
        return json({
          CrawlerMetricsList: (body.CrawlerNameList ?? []).map((name) => ({
            CrawlerName: name,
            LastRuntimeSeconds: 42,
            TablesCreated: 1,
            TablesUpdated: 0,
            TablesDeleted: 0,
          })),
        });
      case 'GetTables':
        return json({
          TableList: [
            {
              Name: 'trips',
              StorageDescriptor: {
                Columns: [
                  { Name: 'trip_id', Type: 'bigint' },
                  { Name: 'fare', Type: 'double' },
                ],
              },
            },
          ],
        });
      default:
        return awsError('glue', 'InvalidInputException', r.operation);
    }
  };
  return { handler, published, objects };
}

const datasets = [
  {
    name: 'trips',
    source: 'assets/trips.csv',
    format: 'csv' as const,
    columns: [
      { name: 'trip_id', type: 'bigint' },
      { name: 'fare', type: 'double' },
    ],
  },
];

describe('crawl through the real SDK clients', () => {
  it('finishes despite throttling and a 500, and one cohort’s AccessDenied leaves the other crawled', async () => {
    const world = glueWorld('eu-west-1');
    const loopback = await session.start(world.handler);
    loopback.fault({ service: 'glue', operation: 'StartCrawler', times: 3, kind: 'throttle' });
    loopback.fault({ service: 'glue', operation: 'BatchGetCrawlers', times: 1, kind: 'server-error' });
    const aws = session.factory(loopback);
    const ctx = testContext('2026-12-08T00:00:00Z');
    const cohorts = [
      testCohort('cohort-a', { regions: { primary: 'eu-west-1' }, datasets }),
      testCohort('cohort-b', { datasets }),
    ];
    const sleeps: number[] = [];
    const report = await crawlJob.run(
      { settings: SETTINGS, cohorts, ctx, aws, env: {} },
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['cohort-a', 'failed'],
      ['cohort-b', 'ok'],
    ]);
    expect(report.cohorts[0]?.problems[0]).toMatch(/^AccessDeniedException: User: ops is not authorized/);
    const runs = (report.cohorts[1]?.data as { crawlers: CrawlerRun[] } | undefined)?.crawlers;
    expect(runs).toEqual([
      {
        crawler: 'acme-ws-cohort-b-trips',
        dataset: 'trips',
        start: 'started',
        result: 'SUCCEEDED',
        durationSeconds: 42,
        tablesCreated: 1,
        tablesUpdated: 0,
        tablesDeleted: 0,
      },
    ]);
    expect(
      loopback.requests.filter((r) => r.operation === 'StartCrawler' && r.region === 'ap-northeast-2'),
    ).toHaveLength(4);
    expect(sleeps.length).toBe(3);
    expect(world.published).toEqual([]);
  });
});
