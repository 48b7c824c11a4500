import { describe, expect, it } from 'vitest';
import { normalizeQuery, skeleton, sqlShape, tableRefs } from '../../../src/jobs/cost-report/sql-text.ts';

describe('skeleton', () => {
  it('blanks comments and string literals, keeps quoted identifiers, lower-cases (Athena names ignore case)', () => {
    expect(skeleton(`SELECT 'where it''s' AS "Where" -- limit 10\nFROM t /* join x */ WHERE a = 'b'`)).toBe(
      `select '' as "where"  from t   where a = ''`,
    );
  });

  it('survives unterminated comments and literals', () => {
    expect(skeleton("SELECT 'oops")).toBe("select ''");
    expect(skeleton('SELECT 1 /* never closed')).toBe('select 1  ');
  });

  it('takes linear time on a pathological text', () => {
    const long = `${"'".repeat(100_000)}${'-'.repeat(100_000)}`;
    expect(skeleton(long).length).toBeLessThan(200_001);
  });
});

describe('tableRefs', () => {
  it('finds tables after FROM and JOIN, qualified or quoted, each once', () => {
    const text = skeleton(
      'SELECT * FROM "WS_DB"."Trips" t JOIN awsdatacatalog.ws_db.zones z ON t.z = z.id JOIN trips USING (id) LEFT JOIN `x`.y',
    );
    expect(tableRefs(text)).toEqual([
      { database: 'ws_db', table: 'trips' },
      { database: 'ws_db', table: 'zones' },
      { table: 'trips' },
      { database: 'x', table: 'y' },
    ]);
  });

  it('leaves out the names of common table expressions and subqueries', () => {
    const text = skeleton('WITH recent AS (SELECT * FROM trips), b AS (SELECT 1) SELECT * FROM recent, (SELECT 2)');
    expect(tableRefs(text)).toEqual([{ table: 'trips' }]);
  });

  it('ignores table names inside strings and comments', () => {
    expect(tableRefs(skeleton("SELECT 'from secret' -- join other\n FROM t"))).toEqual([{ table: 't' }]);
  });
});

describe('sqlShape', () => {
  it.each([
    ['SELECT * FROM t', { kind: 'query', selectsStar: true, filters: false, limits: false, aggregates: false }],
    ['select distinct * from t where y = 1 limit 5', { selectsStar: true, filters: true, limits: true }],
    ['SELECT a, count(*) FROM t GROUP BY a', { selectsStar: false, aggregates: true }],
    ['SELECT a FROM t FETCH FIRST 10 ROWS ONLY', { limits: true }],
    ["SELECT a FROM t WHERE b = 'limit 5'", { limits: false, filters: true }],
    ["CREATE TABLE x WITH (format = 'PARQUET') AS SELECT * FROM t", { kind: 'write' }],
    ['INSERT INTO x SELECT * FROM t', { kind: 'write' }],
    ['MSCK REPAIR TABLE t', { kind: 'other' }],
    ['(SELECT 1)', { kind: 'query' }],
    ['SELECT "where", "limit 5", "group by" FROM t', { filters: false, limits: false, aggregates: false }],
  ])('%s', (sql, expected) => {
    expect(sqlShape(sql)).toMatchObject(expected);
  });
});

it('normalizes whitespace only', () => {
  expect(normalizeQuery('  SELECT\n\t*  FROM "A  B"\n')).toBe('SELECT * FROM "A B"');
});
