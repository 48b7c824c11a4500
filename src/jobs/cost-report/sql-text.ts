/**
 * Just enough reading of Athena SQL to give cost advice: which tables a query reads, and whether it selects `*`,
 * filters, limits or aggregates. The text is data from Athena's history: it is only scanned with regular
 * expressions, never executed or parsed into anything that runs. Comments and string literals are blanked first,
 * so a keyword inside them (`'where'`, `-- limit 10`) is not taken for syntax.
 */

export interface TableRef {
  /** Lower-cased, unquoted; absent when the query relies on its default database. */
  readonly database?: string;
  readonly table: string;
}

export interface SqlShape {
  /** `select`/`with` queries; `write` for CTAS, INSERT and UNLOAD; `other` for DDL and utility statements. */
  readonly kind: 'query' | 'write' | 'other';
  readonly tables: readonly TableRef[];
  readonly selectsStar: boolean;
  readonly filters: boolean;
  readonly limits: boolean;
  readonly aggregates: boolean;
}

/** Comments become a space, string literals `''`; quoted identifiers are kept. Lower-cased. Linear time. */
export function skeleton(sql: string): string {
  let out = '';
  let i = 0;
  const n = sql.length;
  const skipTo = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at === -1 ? n : at + end.length;
  };
  while (i < n) {
    const c = sql[i] ?? '';
    const next = sql[i + 1] ?? '';
    if (c === '-' && next === '-') {
      i = skipTo('\n', i + 2);
      out += ' ';
    } else if (c === '/' && next === '*') {
      i = skipTo('*/', i + 2);
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      // A doubled quote inside continues the literal or identifier.
      let j = i + 1;
      while (j < n && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += c === "'" ? "''" : sql.slice(i, j + 1).toLowerCase();
      i = j + 1;
    } else {
      out += c.toLowerCase();
      i++;
    }
  }
  return out;
}

const PART = String.raw`(?:"(?:[^"]|"")+"|\`[^\`]+\`|[a-z_][\w$]*)`;
const TABLE_AFTER = new RegExp(String.raw`\b(?:from|join)\s+(${PART}(?:\s*\.\s*${PART}){0,2})`, 'g');
const CTE_NAME = new RegExp(String.raw`(?:\bwith|,)\s*(${PART})\s+as\s*\(`, 'g');

function unquote(part: string): string {
  const trimmed = part.trim();
  if (trimmed.startsWith('"')) return trimmed.slice(1, -1).replaceAll('""', '"');
  if (trimmed.startsWith('`')) return trimmed.slice(1, -1);
  return trimmed;
}

function splitName(name: string): string[] {
  return [...name.matchAll(new RegExp(PART, 'g'))].map((m) => unquote(m[0]));
}

/** Tables named after FROM and JOIN, without the query's own CTE names; each once. */
export function tableRefs(text: string): TableRef[] {
  const ctes = new Set([...text.matchAll(CTE_NAME)].map((m) => unquote(m[1] ?? '')));
  const seen = new Map<string, TableRef>();
  for (const match of text.matchAll(TABLE_AFTER)) {
    const parts = splitName(match[1] ?? '');
    const table = parts.at(-1);
    if (table === undefined) continue;
    const database = parts.length >= 2 ? parts.at(-2) : undefined;
    if (database === undefined && ctes.has(table)) continue;
    const ref: TableRef = database === undefined ? { table } : { database, table };
    seen.set(`${database ?? ''}.${table}`, ref);
  }
  return [...seen.values()];
}

function kindOf(text: string): SqlShape['kind'] {
  const start = text.trimStart().replace(/^\(+\s*/, '');
  if (/^(create\s+table\b[\s\S]*\bas\b|insert\b|unload\b)/.test(start)) return 'write';
  if (/^(select|with|values|table)\b/.test(start)) return 'query';
  return 'other';
}

/** Quoted identifiers emptied too, so a column named "where" is not a WHERE clause. */
function keywordsOnly(text: string): string {
  return text.replace(/"(?:[^"]|"")*"|`[^`]*`/g, '""');
}

export function sqlShape(sql: string): SqlShape {
  const tablesText = skeleton(sql);
  const text = keywordsOnly(tablesText);
  return {
    kind: kindOf(text),
    tables: tableRefs(tablesText),
    selectsStar: /\bselect\s+(?:(?:all|distinct)\s+)?\*/.test(text),
    filters: /\bwhere\b/.test(text),
    limits: /\blimit\s+\d+|\bfetch\s+(?:first|next)\b/.test(text),
    aggregates:
      /\bgroup\s+by\b/.test(text) ||
      /\b(?:count|count_if|sum|avg|min|max|approx_\w+|array_agg|map_agg|stddev\w*|variance)\s*\(/.test(text),
  };
}

/** Whitespace collapsed and trimmed: identical queries typed twice count as one. */
export function normalizeQuery(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
