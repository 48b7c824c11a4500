/**
 * Concrete advice for an expensive Athena query, from its text and the cohort's catalog: read the processed Parquet
 * table instead of the raw CSV one it came from, do not `SELECT *` a partitioned table without a filter, and put a
 * `LIMIT` on exploratory queries. Every message names the tables involved; none repeats the query text.
 */
import type { GlueTable } from '../../aws/glue-job-runs.ts';
import { type SqlShape, sqlShape, type TableRef } from './sql-text.ts';

export type CatalogTable = GlueTable;

export type AdviceKind = 'raw-csv' | 'unfiltered-star' | 'no-limit';

export interface Advice {
  readonly kind: AdviceKind;
  /** Plain text: escape it before putting it in Markdown. */
  readonly message: string;
}

export interface AdviceContext {
  readonly tables: readonly CatalogTable[];
  /** The cohort's Glue database, for tables named without one when the query recorded none. */
  readonly defaultDatabase: string;
}

/** Rows a LIMIT suggestion proposes while exploring. */
export const EXPLORE_LIMIT = 100;

const key = (database: string, table: string) => `${database.toLowerCase()}.${table.toLowerCase()}`;

function resolve(
  ref: TableRef,
  queryDatabase: string | undefined,
  context: AdviceContext,
  index: Map<string, CatalogTable>,
) {
  return index.get(key(ref.database ?? queryDatabase ?? context.defaultDatabase, ref.table));
}

/** Name tokens, split on separators: `trips_2024-raw` → trips, 2024, raw. */
function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether `tokens` holds `needle` (itself a token list) as a contiguous run. */
function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((t, j) => haystack[i + j] === t)) return true;
  }
  return false;
}

const isCsv = (t: CatalogTable) => t.format?.toLowerCase() === 'csv';
const isParquet = (t: CatalogTable) => t.format?.toLowerCase() === 'parquet';

/**
 * Parquet tables made from `raw`: another table of the same database, in Parquet, whose name or location path
 * holds the raw table's name (`trips` → `trips_clean`, `.../students/u/trips/`).
 */
export function processedCounterparts(raw: CatalogTable, tables: readonly CatalogTable[]): CatalogTable[] {
  const name = tokens(raw.name);
  return tables.filter(
    (t) =>
      t !== raw &&
      t.database === raw.database &&
      isParquet(t) &&
      (containsRun(tokens(t.name), name) || containsRun(tokens(t.location?.replace(/^s3:\/\/[^/]+/, '') ?? ''), name)),
  );
}

function rawCsvAdvice(table: CatalogTable, context: AdviceContext): Advice | undefined {
  if (!isCsv(table)) return undefined;
  const better = processedCounterparts(table, context.tables)[0];
  if (better === undefined) return undefined;
  return {
    kind: 'raw-csv',
    message: `reads the raw CSV table ${table.name}; the Parquet table ${better.name} holds the processed data: query it instead (columnar and compressed, it scans a fraction of the bytes)`,
  };
}

function unfilteredStarAdvice(shape: SqlShape, tables: readonly CatalogTable[]): Advice | undefined {
  if (!shape.selectsStar || shape.filters) return undefined;
  const partitioned = tables.find((t) => t.partitionKeys.length > 0);
  if (partitioned === undefined) return undefined;
  return {
    kind: 'unfiltered-star',
    message: `SELECT * without WHERE reads every partition of ${partitioned.name}: filter on ${partitioned.partitionKeys.join(', ')} and name only the columns you need`,
  };
}

function noLimitAdvice(shape: SqlShape): Advice | undefined {
  if (shape.kind !== 'query' || shape.limits || shape.aggregates) return undefined;
  return {
    kind: 'no-limit',
    message: `an exploratory SELECT without LIMIT: add LIMIT ${EXPLORE_LIMIT} while looking at the data`,
  };
}

export function tableIndex(tables: readonly CatalogTable[]): Map<string, CatalogTable> {
  return new Map(tables.map((t) => [key(t.database, t.name), t]));
}

/** Advice for one query, most useful first. */
export function adviseQuery(
  sql: string,
  queryDatabase: string | undefined,
  context: AdviceContext,
  index: Map<string, CatalogTable> = tableIndex(context.tables),
): Advice[] {
  const shape = sqlShape(sql);
  const tables = shape.tables.flatMap((ref) => resolve(ref, queryDatabase, context, index) ?? []);
  const advice: Advice[] = [];
  for (const table of tables) {
    const raw = rawCsvAdvice(table, context);
    if (raw) advice.push(raw);
  }
  const star = unfilteredStarAdvice(shape, tables);
  if (star) advice.push(star);
  const limit = noLimitAdvice(shape);
  if (limit) advice.push(limit);
  return advice;
}
