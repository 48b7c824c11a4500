import { EntityNotFoundException, GetJobRunsCommand, GetTablesCommand, GlueClient } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { glueReadsApi } from '../../src/aws/glue-job-runs.ts';

const glue = mockClient(GlueClient);
const since = new Date('2026-12-01T00:00:00Z');
const notFound = () => new EntityNotFoundException({ message: 'not found', $metadata: {} });

const run = (id: string, day: number, extra = {}) => ({
  Id: id,
  JobName: 'ws-seoul-1-clean',
  JobRunState: 'SUCCEEDED' as const,
  StartedOn: new Date(Date.UTC(2026, 11, day, 9)),
  ExecutionTime: 120,
  WorkerType: 'G.1X' as const,
  NumberOfWorkers: 10,
  ...extra,
});

describe('glueReadsApi.jobRuns', () => {
  beforeEach(() => glue.reset());

  it('pages runs newest first and stops at the first run before since', async () => {
    glue
      .on(GetJobRunsCommand)
      .resolvesOnce({ JobRuns: [run('r3', 7, { DPUSeconds: 300 }), run('r2', 3)], NextToken: 'n' })
      .resolvesOnce({ JobRuns: [run('r1', 1), { ...run('r0', 1), StartedOn: new Date('2026-11-30T22:00:00Z') }] })
      .resolvesOnce({ JobRuns: [run('never', 1)] });
    const history = await glueReadsApi(new GlueClient({})).jobRuns('ws-seoul-1-clean', { since });
    expect(history.runs.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(history).toMatchObject({ truncated: false, missing: false });
    expect(history.runs[0]).toEqual({
      jobName: 'ws-seoul-1-clean',
      id: 'r3',
      state: 'SUCCEEDED',
      startedOn: new Date(Date.UTC(2026, 11, 7, 9)),
      executionSeconds: 120,
      dpuSeconds: 300,
      workerType: 'G.1X',
      numberOfWorkers: 10,
    });
    expect(glue.commandCalls(GetJobRunsCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'n']);
  });

  it('says when the bound cut the history', async () => {
    glue.on(GetJobRunsCommand).resolves({ JobRuns: [run('a', 5), run('b', 5)], NextToken: 'more' });
    const history = await glueReadsApi(new GlueClient({})).jobRuns('j', { since, maxRuns: 4 });
    expect(history.runs).toHaveLength(4);
    expect(history.truncated).toBe(true);
  });

  it('reports a job that does not exist as missing, not as an error', async () => {
    glue.on(GetJobRunsCommand).rejects(notFound());
    expect(await glueReadsApi(new GlueClient({})).jobRuns('j', { since })).toEqual({
      runs: [],
      truncated: false,
      missing: true,
    });
  });
});

describe('glueReadsApi.tables', () => {
  beforeEach(() => glue.reset());

  it('reads every page with location, format and partition keys', async () => {
    glue
      .on(GetTablesCommand)
      .resolvesOnce({
        TableList: [
          {
            Name: 'trips',
            DatabaseName: 'ws_seoul_1',
            Parameters: { classification: 'CSV' },
            StorageDescriptor: { Location: 's3://ws-seoul-1-raw/datasets/trips/' },
            PartitionKeys: [{ Name: 'year' }, { Name: 'month' }],
          },
        ],
        NextToken: 'n',
      })
      .resolvesOnce({
        TableList: [
          {
            Name: 'trips_clean',
            DatabaseName: 'ws_seoul_1',
            StorageDescriptor: {
              Location: 's3://ws-seoul-1-processed/shared/clean/',
              SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
            },
          },
          { Name: 'notes', StorageDescriptor: {} },
        ],
      });
    const tables = await glueReadsApi(new GlueClient({})).tables('ws_seoul_1');
    expect(tables).toEqual([
      {
        database: 'ws_seoul_1',
        name: 'trips',
        location: 's3://ws-seoul-1-raw/datasets/trips/',
        format: 'csv',
        partitionKeys: ['year', 'month'],
      },
      {
        database: 'ws_seoul_1',
        name: 'trips_clean',
        location: 's3://ws-seoul-1-processed/shared/clean/',
        format: 'parquet',
        partitionKeys: [],
      },
      { database: 'ws_seoul_1', name: 'notes', partitionKeys: [] },
    ]);
    expect(glue.commandCalls(GetTablesCommand)[1]?.args[0].input).toEqual({
      DatabaseName: 'ws_seoul_1',
      MaxResults: 100,
      NextToken: 'n',
    });
  });

  it('has no tables for a database that does not exist yet', async () => {
    glue.on(GetTablesCommand).rejects(notFound());
    expect(await glueReadsApi(new GlueClient({})).tables('ws_new')).toEqual([]);
  });
});
