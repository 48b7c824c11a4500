/**
 * Turns the text of a YAML file into data plus a source map, or into problems with positions. Everything that can
 * go wrong below the schema is caught here: syntax, duplicate keys, several documents, a top level that is not a
 * mapping, an empty file, unknown aliases and alias bombs. Inputs are bounded before the parser sees them, because
 * some shapes (deep flow nesting) make YAML parsers slow or exhaust memory.
 */
import {
  isAlias,
  isMap,
  isScalar,
  Lexer,
  LineCounter,
  type Pair,
  parseDocument,
  Scalar,
  visit,
  type YAMLError,
} from 'yaml';
import { type Position, type Problem, positionOfOffset, problemAt, START } from './problem.ts';
import { YamlSource } from './yaml-source.ts';

/** Cohort files are a few kilobytes; larger rosters belong in a CSV file. */
export const MAX_YAML_BYTES = 128 * 1024;
/** The deepest flow nesting (`[`/`{`) accepted; the cohort schema needs 3. */
export const MAX_FLOW_DEPTH = 32;
/** Alias expansions allowed when building the data (yaml's guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export type ParsedYaml =
  | { problems: Problem[]; source: YamlSource; data: Record<string, unknown> }
  | { problems: Problem[] };

// Zero-width control tokens the yaml lexer emits between real source tokens.
const CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f']);

/** Offset of the first `[`/`{` nested deeper than the limit, or -1; lexing is linear and stack-free. */
function tooDeepOffset(text: string): number {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth += 1;
      if (depth > MAX_FLOW_DEPTH) return offset;
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    }
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return -1;
}

const HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'put quotes around a value that contains ": "',
  MISSING_CHAR: 'close the quote or bracket that was opened before this point',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation of this line',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing ":" or quote on the line before',
  UNEXPECTED_TOKEN: 'remove or quote the unexpected character',
  RESOURCE_EXHAUSTION: 'flatten the structure (cohort files need only a few levels)',
};

/** yaml's own words for some errors help nobody editing a cohort file. */
const MESSAGES: Record<string, string> = {
  RESOURCE_EXHAUSTION: 'nested too deeply to read',
};

/**
 * yaml reports a quote that is never closed where the quoted text runs out (often past the last line); the fix
 * belongs where the quote opens, the start of the quoted scalar that ends at the error.
 */
function unclosedQuoteProblem(file: string, source: YamlSource, error: YAMLError): Problem | undefined {
  if (error.code !== 'MISSING_CHAR' || !/closing .?quote/.test(error.message)) return undefined;
  let start: number | undefined;
  let quote = '"';
  visit(source.doc, {
    Scalar(_, node) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (!quoted || node.range?.[1] !== error.pos[0]) return undefined;
      start = node.range[0];
      quote = node.type === Scalar.QUOTE_SINGLE ? "'" : '"';
      return visit.BREAK;
    },
  });
  if (start === undefined) return undefined;
  const message = `invalid YAML: the ${quote} opened here is never closed; add the closing ${quote} at the end of the value`;
  return problemAt(file, source.position(start), message);
}

function yamlErrorProblem(file: string, source: YamlSource, error: YAMLError, severity: 'error' | 'warning'): Problem {
  const unclosed = severity === 'error' ? unclosedQuoteProblem(file, source, error) : undefined;
  if (unclosed !== undefined) return unclosed;
  const hint = HINTS[error.code] ?? (severity === 'error' ? 'fix the YAML syntax here' : undefined);
  const message = MESSAGES[error.code] ?? error.message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').trim();
  const text = `${severity === 'error' ? 'invalid YAML' : 'YAML'}: ${message}${hint ? `; ${hint}` : ''}`;
  return problemAt(file, source.position(error.pos[0]), text, severity);
}

/** Duplicate keys in every mapping, found in one linear pass (yaml's own check compares all pairs). */
function duplicateKeyProblems(file: string, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  visit(source.doc, {
    Map(_, map) {
      const seen = new Map<string, Position>();
      for (const pair of map.items as Pair[]) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const at = source.nodePosition(pair.key) ?? START;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, at);
        } else {
          problems.push(
            problemAt(file, at, `duplicate key "${key}" (first on line ${first.line}); remove or merge one of them`),
          );
        }
      }
    },
  });
  return problems;
}

/** Aliases whose anchor is not defined before them, in document order. */
function unknownAliasProblems(file: string, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const anchors = new Set<string>();
  visit(source.doc, (_, node) => {
    if (isAlias(node)) {
      if (!anchors.has(node.source)) {
        problems.push(
          problemAt(
            file,
            source.nodePosition(node) ?? START,
            `unknown alias *${node.source}; define the anchor &${node.source} before using it`,
          ),
        );
      }
    } else if (node !== null && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string') {
      anchors.add(node.anchor);
    }
  });
  return problems;
}

function firstAliasPosition(source: YamlSource): Position {
  let at: Position | undefined;
  visit(source.doc, (_, node) => {
    if (!isAlias(node)) return undefined;
    at = source.nodePosition(node);
    return visit.BREAK;
  });
  return at ?? START;
}

function describeTopLevel(node: unknown): string {
  if (isScalar(node)) return `the single value ${JSON.stringify(String(node.value)).slice(0, 60)}`;
  if (isAlias(node)) return 'an alias';
  return 'a list';
}

/** What a file is, for messages: `{ what: 'cohort file', firstKey: 'id' }`. */
export interface FileKind {
  readonly what: string;
  readonly firstKey: string;
}

/** Parses one YAML file whose top level must be a mapping. */
export function parseYamlMapping(file: string, text: string, kind: FileKind): ParsedYaml {
  const { what } = kind;
  const deep = tooDeepOffset(text);
  if (deep >= 0) {
    const message = `brackets nested more than ${MAX_FLOW_DEPTH} levels deep; a ${what} needs only a few levels`;
    return { problems: [problemAt(file, positionOfOffset(text, deep), message)] };
  }
  const lineCounter = new LineCounter();
  // prettyErrors is off: its excerpts cost time quadratic in the line length; positions come from the line counter.
  // uniqueKeys is off for the same reason (it compares every pair); duplicateKeyProblems does it in one pass.
  // parseDocument stops at the start of a second document, reporting it as MULTIPLE_DOCS.
  const first = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const source = new YamlSource(first, lineCounter);
  const problems: Problem[] = first.warnings.map((e) => yamlErrorProblem(file, source, e, 'warning'));
  const multiple = first.errors.filter((e) => e.code === 'MULTIPLE_DOCS');
  const syntax = first.errors.filter((e) => e.code !== 'MULTIPLE_DOCS');
  for (const error of multiple) {
    const message = `a ${what} holds exactly one YAML document; remove this "---" separator and everything after it`;
    problems.push(problemAt(file, source.position(error.pos[0]), message));
  }
  // `---` alone parses to an empty null scalar: as empty as no document at all.
  const contents = first.contents;
  const blank = contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
  if (blank && syntax.length === 0) {
    const message = `the file is empty; a ${what} is a mapping of keys starting with "${kind.firstKey}: ..."`;
    return { problems: [problemAt(file, START, message), ...problems] };
  }
  // After a syntax error the document's structure is a guess: schema findings on it would only confuse.
  if (syntax.length > 0) {
    return { problems: [...syntax.map((e) => yamlErrorProblem(file, source, e, 'error')), ...problems] };
  }
  if (!isMap(first.contents)) {
    problems.push(
      problemAt(
        file,
        source.nodePosition(first.contents) ?? START,
        `the top level of a ${what} must be a mapping of keys such as "${kind.firstKey}: ...", not ${describeTopLevel(first.contents)}`,
      ),
    );
    return { problems };
  }
  const unknownAliases = unknownAliasProblems(file, source);
  problems.push(...duplicateKeyProblems(file, source), ...unknownAliases);
  if (unknownAliases.length > 0) return { problems };
  let data: unknown;
  try {
    data = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias count/i.test(reason)
      ? `aliases expand to too many values (limit ${MAX_ALIAS_COUNT}); write the values out instead of nesting aliases`
      : `cannot read the YAML: ${reason}`;
    problems.push(problemAt(file, /alias count/i.test(reason) ? firstAliasPosition(source) : START, message));
    return { problems };
  }
  return { problems, source, data: data as Record<string, unknown> };
}
