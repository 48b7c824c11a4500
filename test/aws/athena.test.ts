import {
  AthenaClient,
  BatchGetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { athenaApi } from '../../src/aws/athena.ts';

const athena = mockClient(AthenaClient);
const since = new Date('2026-12-01T00:00:00Z');

function execution(id: string, day: number, bytes = 1000): QueryExecution {
  return {
    QueryExecutionId: id,
    Query: `SELECT * FROM t${id}`,
    StatementType: 'DML',
    WorkGroup: 'ws-seoul-1_alice',
    QueryExecutionContext: { Database: 'ws_seoul_1' },
    Status: { State: 'SUCCEEDED', SubmissionDateTime: new Date(Date.UTC(2026, 11, day, 12)) },
    Statistics: { DataScannedInBytes: bytes },
  };
}

/** Answers BatchGetQueryExecution for whatever ids it is asked, from `all`. */
function serve(all: QueryExecution[]) {
  athena.on(BatchGetQueryExecutionCommand).callsFake((input: { QueryExecutionIds: string[] }) => ({
    QueryExecutions: all.filter((e) => input.QueryExecutionIds.includes(e.QueryExecutionId ?? '')),
  }));
}

describe('athenaApi.queryHistory', () => {
  beforeEach(() => athena.reset());

  it('pages ids 50 at a time and reads their details, newest first, stopping at the first page older than since', async () => {
    const lastMonth = { State: 'SUCCEEDED' as const, SubmissionDateTime: new Date('2026-11-30T23:00:00Z') };
    serve([execution('a', 7), execution('b', 3, 5), execution('c', 1), { ...execution('d', 1), Status: lastMonth }]);
    athena
      .on(ListQueryExecutionsCommand)
      .resolvesOnce({ QueryExecutionIds: ['a', 'b'], NextToken: 't2' })
      .resolvesOnce({ QueryExecutionIds: ['c', 'd'], NextToken: 't3' })
      .resolvesOnce({ QueryExecutionIds: ['never'] });
    const history = await athenaApi(new AthenaClient({})).queryHistory('ws-seoul-1_alice', { since });
    expect(history.truncated).toBe(false);
    expect(history.executions.map((e) => [e.id, e.scannedBytes])).toEqual([
      ['a', 1000],
      ['b', 5],
      ['c', 1000],
    ]);
    const lists = athena.commandCalls(ListQueryExecutionsCommand).map((c) => c.args[0].input);
    expect(lists).toEqual([
      { WorkGroup: 'ws-seoul-1_alice', MaxResults: 50 },
      { WorkGroup: 'ws-seoul-1_alice', MaxResults: 50, NextToken: 't2' },
    ]);
    expect(history.executions[0]).toMatchObject({
      workgroup: 'ws-seoul-1_alice',
      query: 'SELECT * FROM ta',
      statementType: 'DML',
      state: 'SUCCEEDED',
      database: 'ws_seoul_1',
    });
  });

  it('stops at the bound and says the history was cut', async () => {
    serve(['a', 'b', 'c'].map((id) => execution(id, 5)));
    athena.on(ListQueryExecutionsCommand).resolves({ QueryExecutionIds: ['a', 'b', 'c'], NextToken: 'more' });
    const history = await athenaApi(new AthenaClient({})).queryHistory('wg', { since, maxQueries: 2 });
    expect(history.truncated).toBe(true);
    expect(history.executions.map((e) => e.id)).toEqual(['a', 'b']);
    expect(athena.commandCalls(BatchGetQueryExecutionCommand)[0]?.args[0].input.QueryExecutionIds).toEqual(['a', 'b']);
  });

  it('reads an empty workgroup with one request', async () => {
    athena.on(ListQueryExecutionsCommand).resolves({ QueryExecutionIds: [] });
    const history = await athenaApi(new AthenaClient({})).queryHistory('wg', { since });
    expect(history).toEqual({ executions: [], truncated: false });
    expect(athena.commandCalls(BatchGetQueryExecutionCommand)).toHaveLength(0);
  });
});
