import { describe, expect, it } from 'vitest';
import type { GlueTable } from '../../../src/aws/glue-job-runs.ts';
import { adviseQuery, processedCounterparts } from '../../../src/jobs/cost-report/query-advice.ts';

const DB = 'ws_seoul_1';
const raw: GlueTable = {
  database: DB,
  name: 'trips',
  location: 's3://ws-raw/datasets/trips/',
  format: 'csv',
  partitionKeys: ['year', 'month'],
};
const byName: GlueTable = { database: DB, name: 'trips_clean', format: 'parquet', partitionKeys: [] };
const byLocation: GlueTable = {
  database: DB,
  name: 'alice_output',
  location: 's3://ws-processed/students/ws_alice/trips/',
  format: 'parquet',
  partitionKeys: [],
};
const unrelated: GlueTable = { database: DB, name: 'tripsy', format: 'parquet', partitionKeys: [] };
const context = { tables: [raw, byName, unrelated], defaultDatabase: DB };
const kinds = (sql: string, database?: string, ctx = context) => adviseQuery(sql, database, ctx).map((a) => a.kind);

describe('processedCounterparts', () => {
  it('matches Parquet tables whose name or location holds the raw table name as a whole word', () => {
    expect(processedCounterparts(raw, [raw, byName, byLocation, unrelated]).map((t) => t.name)).toEqual([
      'trips_clean',
      'alice_output',
    ]);
  });

  it('does not match across databases or formats', () => {
    const other = { ...byName, database: 'elsewhere' };
    const json = { ...byName, format: 'json' };
    expect(processedCounterparts(raw, [other, json])).toEqual([]);
  });
});

describe('adviseQuery', () => {
  it('suggests the Parquet table, a partition filter and a LIMIT for a bare scan of raw CSV', () => {
    const advice = adviseQuery('SELECT * FROM trips', undefined, context);
    expect(advice).toEqual([
      {
        kind: 'raw-csv',
        message:
          'reads the raw CSV table trips; the Parquet table trips_clean holds the processed data: query it instead (columnar and compressed, it scans a fraction of the bytes)',
      },
      {
        kind: 'unfiltered-star',
        message:
          'SELECT * without WHERE reads every partition of trips: filter on year, month and name only the columns you need',
      },
      { kind: 'no-limit', message: 'an exploratory SELECT without LIMIT: add LIMIT 100 while looking at the data' },
    ]);
  });

  it('resolves tables through the database the query ran in, else the qualified name', () => {
    expect(kinds('SELECT a FROM trips LIMIT 5', 'other_db')).toEqual([]);
    expect(kinds(`SELECT a FROM other_db.x JOIN "${DB}".trips ON 1=1 LIMIT 5`, 'other_db')).toEqual(['raw-csv']);
  });

  it('gives no star advice when the query filters or the table has no partitions', () => {
    expect(kinds('SELECT * FROM trips WHERE year = 2024 LIMIT 10')).toEqual(['raw-csv']);
    expect(kinds('SELECT * FROM trips_clean LIMIT 10')).toEqual([]);
  });

  it('does not ask aggregations or writes for a LIMIT', () => {
    expect(kinds('SELECT year, count(*) FROM trips_clean GROUP BY year')).toEqual([]);
    expect(kinds('CREATE TABLE t2 AS SELECT a FROM trips_clean')).toEqual([]);
  });

  it('knows nothing about formats without a catalog, and still checks LIMIT', () => {
    expect(kinds('SELECT * FROM trips', undefined, { tables: [], defaultDatabase: DB })).toEqual(['no-limit']);
  });
});
