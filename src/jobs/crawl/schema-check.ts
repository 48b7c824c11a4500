/**
 * The "schema check" step of the data lifecycle: what the crawler put in the catalog against each dataset's
 * declared `columns`: a missing table, missing or extra columns (partition keys count as columns), and type
 * mismatches, comparing names case-insensitively and types after normalising Glue's and Hive's aliases.
 */
import type { CatalogColumn, CatalogTable } from '../../aws/glue.ts';

export type SchemaFindingKind = 'missing-table' | 'missing-column' | 'extra-column' | 'type-mismatch';

export interface SchemaFinding {
  readonly dataset: string;
  readonly kind: SchemaFindingKind;
  /** The column concerned (absent for a missing table). */
  readonly column?: string;
  readonly expected?: string;
  readonly actual?: string;
}

export interface DeclaredDataset {
  readonly name: string;
  readonly columns?: readonly CatalogColumn[] | undefined;
}

const ALIASES: Readonly<Record<string, string>> = {
  integer: 'int',
  long: 'bigint',
  short: 'smallint',
  byte: 'tinyint',
  real: 'float',
  bool: 'boolean',
  text: 'string',
};

/**
 * One spelling per type: lowercase, no spaces, aliases resolved, a bare `decimal` as Hive reads it. Struct field
 * names (followed by `:`) are kept as they are.
 */
export function normaliseGlueType(type: string): string {
  return type
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\b([a-z_][a-z0-9_]*)\b(?!:)/g, (word) => ALIASES[word] ?? word)
    .replace(/\bdecimal\b(?!\()/g, 'decimal(10,0)');
}

function locationMatches(location: string | undefined, expected: string): boolean {
  return location !== undefined && location.replace(/\/+$/, '') === expected.replace(/\/+$/, '');
}

/** The dataset's table: by name (the crawler names it after the dataset folder), else by its S3 location. */
export function tableOf(dataset: string, tables: readonly CatalogTable[], location: string): CatalogTable | undefined {
  return (
    tables.find((t) => t.name.toLowerCase() === dataset.toLowerCase()) ??
    tables.find((t) => locationMatches(t.location, location))
  );
}

export function compareColumns(
  dataset: string,
  declared: readonly CatalogColumn[],
  table: CatalogTable,
): SchemaFinding[] {
  const actual = new Map<string, CatalogColumn>();
  for (const c of [...table.columns, ...table.partitionKeys]) actual.set(c.name.toLowerCase(), c);
  const wanted = new Map(declared.map((c) => [c.name.toLowerCase(), c]));
  const findings: SchemaFinding[] = [];
  for (const [key, column] of wanted) {
    const found = actual.get(key);
    if (found === undefined) {
      findings.push({ dataset, kind: 'missing-column', column: column.name, expected: column.type });
    } else if (normaliseGlueType(found.type) !== normaliseGlueType(column.type)) {
      findings.push({ dataset, kind: 'type-mismatch', column: column.name, expected: column.type, actual: found.type });
    }
  }
  for (const [key, column] of actual) {
    if (!wanted.has(key)) findings.push({ dataset, kind: 'extra-column', column: column.name, actual: column.type });
  }
  return findings;
}

/**
 * Findings for every dataset that declares columns. `tables` undefined means the database itself is missing:
 * every such dataset's table is then missing.
 */
export function checkSchemas(
  datasets: readonly DeclaredDataset[],
  tables: readonly CatalogTable[] | undefined,
  locationOf: (dataset: string) => string,
): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const dataset of datasets) {
    if (dataset.columns === undefined) continue;
    const table = tableOf(dataset.name, tables ?? [], locationOf(dataset.name));
    if (table === undefined) findings.push({ dataset: dataset.name, kind: 'missing-table' });
    else findings.push(...compareColumns(dataset.name, dataset.columns, table));
  }
  return findings;
}

export function describeFinding(f: SchemaFinding): string {
  switch (f.kind) {
    case 'missing-table':
      return `${f.dataset}: no table in the catalog (has the crawler run over data?)`;
    case 'missing-column':
      return `${f.dataset}: column ${f.column} (${f.expected}) is declared but not in the table`;
    case 'extra-column':
      return `${f.dataset}: column ${f.column} (${f.actual}) is in the table but not declared`;
    case 'type-mismatch':
      return `${f.dataset}: column ${f.column} is ${f.actual} in the table, declared ${f.expected}`;
  }
}

export function findingKey(f: SchemaFinding): string {
  return `schema:${f.dataset}:${f.kind}${f.column === undefined ? '' : `:${f.column.toLowerCase()}`}`;
}
