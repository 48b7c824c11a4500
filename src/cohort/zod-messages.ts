/**
 * Messages for zod's generic issues, written for instructors editing YAML: they say what was expected, what was
 * found and, for missing keys, where to add them. Messages written in the schemas themselves take precedence.
 */
import type { z } from 'zod';

const EXPECTED: Record<string, string> = {
  string: 'a text value',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'null',
};

/** A short, safe description of a YAML value for messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return String(value);
}

/** `schedule`, `instructors[0]`: where a key lives, for "missing key" messages. */
export function pathLabel(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

function missingKey(path: readonly PropertyKey[]): string {
  const key = String(path.at(-1));
  const parent = path.slice(0, -1);
  const where = parent.length === 0 ? 'at the top level' : `under ${pathLabel(parent)}`;
  return `missing required key "${key}"; add it ${where}`;
}

function sizeMessage(issue: { origin: string; inclusive?: boolean }, bound: number | bigint, side: 'min' | 'max') {
  const limit = Number(bound);
  switch (issue.origin) {
    case 'string':
      if (side === 'min') return limit <= 1 ? 'must not be empty' : `must be at least ${limit} characters`;
      return `must be at most ${limit} characters`;
    case 'array':
      return side === 'min' ? `needs at least ${limit} item${limit === 1 ? '' : 's'}` : `allows at most ${limit} items`;
    default:
      if (side === 'min')
        return issue.inclusive === false ? `must be greater than ${limit}` : `must be at least ${limit}`;
      return issue.inclusive === false ? `must be less than ${limit}` : `must be at most ${limit}`;
  }
}

export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined && issue.path !== undefined && issue.path.length > 0) return missingKey(issue.path);
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof issue.input === 'number')
        return `must be a whole number (got ${issue.input})`;
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'too_small':
      return sizeMessage(issue, issue.minimum, 'min');
    case 'too_big':
      return sizeMessage(issue, issue.maximum, 'max');
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return `must be one of ${options} (got ${describeValue(issue.input)})`;
    }
    case 'invalid_format':
      return issue.pattern === undefined ? `is not a valid ${issue.format}` : `must match ${issue.pattern}`;
    default:
      return undefined;
  }
};
