import { describe, expect, it } from 'vitest';
import {
  athenaCost,
  billedBytes,
  expensiveQueries,
  QUERY_TEXT_CHARS,
  truncateQuery,
  workgroupUsage,
} from '../../../src/jobs/cost-report/athena-usage.ts';
import { query } from './fixtures.ts';

const MB = 1024 * 1024;
const TB = 1024 ** 4;
const none = { tables: [], defaultDatabase: 'db' };

describe('billedBytes', () => {
  it.each([
    ['a tiny scan bills the 10 MB minimum', { scannedBytes: 1 }, 10 * MB],
    ['bytes round up to the megabyte', { scannedBytes: 20 * MB + 1 }, 21 * MB],
    ['a failed query is free', { scannedBytes: 5 * TB, state: 'FAILED' }, 0],
    ['a cancelled query pays for its scan', { scannedBytes: 30 * MB, state: 'CANCELLED' }, 30 * MB],
    ['DDL is free', { scannedBytes: 30 * MB, statementType: 'DDL' }, 0],
    ['nothing scanned, nothing billed', { scannedBytes: 0 }, 0],
  ])('%s', (_name, over, expected) => {
    expect(billedBytes(query({ query: 'x', ...over }))).toBe(expected);
  });
});

it('prices per TB at the given rate', () => {
  expect(athenaCost(2 * TB, 5)).toBe(10);
});

describe('workgroupUsage', () => {
  it('sums scanned and billed bytes and keeps the truncation flag', () => {
    const history = {
      executions: [query({ query: 'a', scannedBytes: MB }), query({ query: 'b', scannedBytes: TB })],
      truncated: true,
    };
    expect(workgroupUsage('wg', 'alice', history, 5)).toEqual({
      workgroup: 'wg',
      owner: 'alice',
      queries: 2,
      scannedBytes: MB + TB,
      billedBytes: 10 * MB + TB,
      costUsd: athenaCost(10 * MB + TB, 5),
      truncated: true,
    });
  });
});

describe('expensiveQueries', () => {
  it('groups the same text in one workgroup, ranks by billed bytes and keeps the top five', () => {
    const executions = [
      query({ query: 'SELECT a FROM t LIMIT 1', workgroup: 'wg-a', scannedBytes: 100 * MB }),
      query({ query: 'SELECT a FROM t  LIMIT 1', workgroup: 'wg-a', scannedBytes: 100 * MB }),
      ...[1, 2, 3, 4, 5].map((i) =>
        query({ query: `SELECT ${i} LIMIT 1`, workgroup: 'wg-a', scannedBytes: i * 30 * MB }),
      ),
      query({ query: 'SELECT boom', workgroup: 'wg-a', scannedBytes: 999 * TB, state: 'FAILED' }),
    ];
    const top = expensiveQueries([{ owner: 'alice', executions }], 5, none);
    expect(top.map((q) => [q.query, q.runs, q.billedBytes / MB])).toEqual([
      ['SELECT a FROM t LIMIT 1', 2, 200],
      ['SELECT 5 LIMIT 1', 1, 150],
      ['SELECT 4 LIMIT 1', 1, 120],
      ['SELECT 3 LIMIT 1', 1, 90],
      ['SELECT 2 LIMIT 1', 1, 60],
    ]);
  });

  it('keeps the same text in two workgroups apart, each with its owner', () => {
    const top = expensiveQueries(
      [
        { owner: 'alice', executions: [query({ query: 'SELECT 1', workgroup: 'a', scannedBytes: MB })] },
        { owner: 'bob', executions: [query({ query: 'SELECT 1', workgroup: 'b', scannedBytes: 20 * MB })] },
      ],
      5,
      none,
    );
    expect(top.map((q) => q.owner)).toEqual(['bob', 'alice']);
  });

  it('cuts long texts for the report but advises from the whole text', () => {
    const long = `SELECT * FROM t WHERE ${'x = 1 AND '.repeat(100)}y = 2 LIMIT 5`;
    const [top] = expensiveQueries([{ owner: 'a', executions: [query({ query: long, scannedBytes: MB })] }], 5, none);
    expect([...(top?.query ?? '')]).toHaveLength(QUERY_TEXT_CHARS);
    expect(top?.query.endsWith('…')).toBe(true);
    expect(top?.advice).toEqual([]);
  });
});

it('truncates by characters, never inside a surrogate pair', () => {
  expect(truncateQuery('😀😀😀', 2)).toBe('😀…');
  expect(truncateQuery('short', 10)).toBe('short');
});
