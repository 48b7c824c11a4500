import {
  BatchGetCrawlersCommand,
  CrawlerRunningException,
  EntityNotFoundException,
  GetCrawlerMetricsCommand,
  GetTablesCommand,
  GlueClient,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { glueApi } from '../../src/aws/glue.ts';

const glue = mockClient(GlueClient);
beforeEach(() => glue.reset());
const api = () => glueApi(new GlueClient({ region: 'eu-west-1' }));

describe('glue adapter', () => {
  it('asks for crawlers in batches of 100 and lists the unknown ones', async () => {
    glue.on(BatchGetCrawlersCommand).callsFake((input: { CrawlerNames: string[] }) => ({
      Crawlers: input.CrawlerNames.filter((n) => n !== 'c7').map((n) => ({ Name: n, State: 'READY' })),
      CrawlersNotFound: input.CrawlerNames.filter((n) => n === 'c7'),
    }));
    const names = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const { found, missing } = await api().crawlers(names);
    expect(glue.commandCalls(BatchGetCrawlersCommand).map((c) => c.args[0].input.CrawlerNames?.length)).toEqual([
      100, 50,
    ]);
    expect(found).toHaveLength(149);
    expect(missing).toEqual(['c7']);
  });

  it('maps the last crawl', async () => {
    const startTime = new Date('2026-12-07T00:00:00Z');
    glue.on(BatchGetCrawlersCommand).resolves({
      Crawlers: [
        { Name: 'c', State: 'READY', LastCrawl: { Status: 'FAILED', StartTime: startTime, ErrorMessage: 'boom' } },
      ],
    });
    expect((await api().crawlers(['c'])).found[0]).toEqual({
      name: 'c',
      state: 'READY',
      lastCrawl: { status: 'FAILED', startTime, errorMessage: 'boom' },
    });
  });

  it('treats a crawl already running as started by someone else', async () => {
    glue
      .on(StartCrawlerCommand, { Name: 'busy' })
      .rejects(new CrawlerRunningException({ message: 'running', $metadata: {} }));
    glue.on(StartCrawlerCommand, { Name: 'idle' }).resolves({});
    expect(await api().startCrawler('busy')).toBe('already-running');
    expect(await api().startCrawler('idle')).toBe('started');
  });

  it('pages through crawler metrics and tables', async () => {
    glue
      .on(GetCrawlerMetricsCommand)
      .resolvesOnce({
        CrawlerMetricsList: [{ CrawlerName: 'a', TablesCreated: 2, LastRuntimeSeconds: 61 }],
        NextToken: 'n',
      })
      .resolvesOnce({ CrawlerMetricsList: [{ CrawlerName: 'b', TablesUpdated: 1 }] });
    expect(await api().crawlerMetrics(['a', 'b'])).toEqual([
      { name: 'a', lastRuntimeSeconds: 61, tablesCreated: 2, tablesUpdated: 0, tablesDeleted: 0 },
      { name: 'b', tablesCreated: 0, tablesUpdated: 1, tablesDeleted: 0 },
    ]);
    glue
      .on(GetTablesCommand)
      .resolvesOnce({
        TableList: [
          {
            Name: 't1',
            StorageDescriptor: { Location: 's3://b/t1/', Columns: [{ Name: 'a', Type: 'int' }] },
            PartitionKeys: [{ Name: 'day', Type: 'string' }],
          },
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({ TableList: [{ Name: 't2' }] });
    expect(await api().tables('db')).toEqual([
      {
        name: 't1',
        location: 's3://b/t1/',
        columns: [{ name: 'a', type: 'int' }],
        partitionKeys: [{ name: 'day', type: 'string' }],
      },
      { name: 't2', columns: [], partitionKeys: [] },
    ]);
    expect(glue.commandCalls(GetTablesCommand)[1]?.args[0].input.NextToken).toBe('p2');
  });

  it('answers undefined for a database that does not exist', async () => {
    glue.on(GetTablesCommand).rejects(new EntityNotFoundException({ message: 'no db', $metadata: {} }));
    expect(await api().tables('missing')).toBeUndefined();
  });
});
