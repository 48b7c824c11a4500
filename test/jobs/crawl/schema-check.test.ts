import { describe, expect, it } from 'vitest';
import { checkSchemas, normaliseGlueType } from '../../../src/jobs/crawl/schema-check.ts';

describe('normaliseGlueType', () => {
  it.each([
    ['INT', 'int'],
    ['integer', 'int'],
    ['Long', 'bigint'],
    ['decimal(10, 2)', 'decimal(10,2)'],
    ['decimal', 'decimal(10,0)'],
    ['array<Integer>', 'array<int>'],
    ['struct<integer:integer, b : string>', 'struct<integer:int,b:string>'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseGlueType(input)).toBe(expected);
  });

  it('keeps real differences', () => {
    expect(normaliseGlueType('bigint')).not.toBe(normaliseGlueType('int'));
    expect(normaliseGlueType('decimal(10,2)')).not.toBe(normaliseGlueType('decimal(12,2)'));
  });
});

describe('checkSchemas', () => {
  const location = (d: string) => `s3://raw/${d}/`;

  it('finds the table by its location when the crawler named it otherwise', () => {
    const tables = [
      { name: 'trips_csv', location: 's3://raw/trips', columns: [{ name: 'a', type: 'int' }], partitionKeys: [] },
    ];
    expect(checkSchemas([{ name: 'trips', columns: [{ name: 'a', type: 'integer' }] }], tables, location)).toEqual([]);
  });

  it('counts partition keys as columns and skips datasets that declare none', () => {
    const tables = [
      { name: 'trips', columns: [{ name: 'a', type: 'int' }], partitionKeys: [{ name: 'day', type: 'string' }] },
    ];
    const datasets = [
      {
        name: 'trips',
        columns: [
          { name: 'a', type: 'int' },
          { name: 'day', type: 'string' },
        ],
      },
      { name: 'zones' },
    ];
    expect(checkSchemas(datasets, tables, location)).toEqual([]);
  });

  it('reports every declared table missing when the database does not exist', () => {
    const datasets = [{ name: 'trips', columns: [{ name: 'a', type: 'int' }] }];
    expect(checkSchemas(datasets, undefined, location)).toEqual([{ dataset: 'trips', kind: 'missing-table' }]);
  });
});
