/**
 * Validates parsed YAML against a zod schema and turns every issue into a Problem at the right place: the value
 * for a bad value, the parent key for a missing one, the key itself for an unknown or invalid key.
 */
import { z } from 'zod';
import { type Problem, problemAt } from './problem.ts';
import { nearest } from './suggest.ts';
import { type FileKind, parseYamlMapping } from './yaml-file.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';
import { issueMessage, pathLabel } from './zod-messages.ts';

/** Strips wrappers (optional, default, …) that do not change which keys an object accepts. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodReadonly
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The keys the schema accepts at `path` (for "did you mean"), or an empty list. */
export function knownKeys(schema: z.ZodType, path: DataPath): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    const inner: z.ZodType = unwrap(current);
    if (inner instanceof z.ZodObject) current = inner.shape[String(segment)] as z.ZodType | undefined;
    else if (inner instanceof z.ZodArray) current = inner.element as z.ZodType;
    else if (inner instanceof z.ZodRecord) current = inner.valueType as z.ZodType;
    else return [];
    if (current === undefined) return [];
  }
  const target = unwrap(current);
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

/** Beyond this many unknown keys in one mapping, skip the suggestions: only the first problems are shown anyway. */
const MAX_SUGGESTIONS = 200;

function unknownKeyMessage(key: string, known: readonly string[], suggest: boolean): string {
  const suggestion = suggest ? nearest(key, known) : undefined;
  if (suggestion !== undefined) return `unknown key "${key}"; did you mean "${suggestion}"?`;
  return known.length > 0 ? `unknown key "${key}"; allowed keys here: ${known.join(', ')}` : `unknown key "${key}"`;
}

/** The raw value at `path` (aliases already resolved), or undefined when the key is missing. */
function valueIn(data: unknown, path: DataPath): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

export function issueProblems(
  file: string,
  source: YamlSource,
  data: unknown,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      issue.keys.forEach((key, i) => {
        const message = unknownKeyMessage(key, known, i < MAX_SUGGESTIONS);
        problems.push(problemAt(file, source.keyAt([...path, key]), message));
      });
    } else if (issue.code === 'invalid_key') {
      const reasons = issue.issues.map((inner) => inner.message).join('; ');
      const where = path.length > 1 ? `${pathLabel(path.slice(0, -1))} ` : '';
      problems.push(problemAt(file, source.keyAt(path), `${where}key "${String(path.at(-1))}": ${reasons}`));
    } else {
      // Name the field, so a line in a CI log reads on its own; a missing key's message already names it.
      const present = path.length > 0 && valueIn(data, path) !== undefined;
      const message = present ? `${pathLabel(path)}: ${issue.message}` : issue.message;
      problems.push(problemAt(file, source.valueAt(path), message));
    }
  }
  return problems;
}

export type SchemaResult<S extends z.ZodType> = {
  problems: Problem[];
  /** The validated value; absent when the file has errors the schema could not get past. */
  value?: z.output<S>;
  /** The raw data and its source map, when the YAML itself was readable. */
  source?: YamlSource;
  data?: Record<string, unknown>;
};

/** Parses YAML text and validates it against `schema`, collecting every problem with its position. */
export function parseWithSchema<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  kind: FileKind,
): SchemaResult<S> {
  const parsed = parseYamlMapping(file, text, kind);
  if (!('source' in parsed)) return { problems: parsed.problems };
  const { source, data } = parsed;
  const result = schema.safeParse(data, { error: issueMessage });
  if (result.success) return { problems: parsed.problems, value: result.data, source, data };
  return {
    problems: [...parsed.problems, ...issueProblems(file, source, data, schema, result.error.issues)],
    source,
    data,
  };
}
