/**
 * Validates AWS `cron(...)` expressions as EventBridge and Glue accept them: six fields
 * (minutes hours day-of-month month day-of-week year), with exactly one of day-of-month and day-of-week set to `?`.
 * Returns a message describing the first problem, or undefined when the expression is valid.
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly extra: RegExp;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59, extra: /^$/ },
  { name: 'hours', min: 0, max: 23, extra: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, extra: /^(\?|L|LW|\d{1,2}W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS, extra: /^$/ },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, extra: /^(\?|L|[1-7]L|[1-7]#[1-5])$/ },
  { name: 'year', min: 1970, max: 2199, extra: /^$/ },
];

function atomValue(atom: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(atom)) return Number(atom);
  const index = spec.names?.indexOf(atom.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

function checkField(raw: string, spec: FieldSpec): string | undefined {
  if (spec.extra.test(raw)) return undefined;
  for (const part of raw.split(',')) {
    const [range, step, ...rest] = part.split('/');
    if (range === undefined || rest.length > 0 || range === '') return `invalid ${spec.name} field "${raw}"`;
    if (step !== undefined && !/^\d+$/.test(step)) return `invalid step "${step}" in the ${spec.name} field`;
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `invalid range "${range}" in the ${spec.name} field`;
    for (const bound of bounds) {
      const value = atomValue(bound, spec);
      if (value === undefined || value < spec.min || value > spec.max) {
        return `"${bound}" is out of range for the ${spec.name} field (${spec.min}-${spec.max})`;
      }
    }
  }
  return undefined;
}

export function awsCronProblem(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match?.[1]) return 'expected an AWS cron expression such as "cron(0 1 * * ? *)"';
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    return `an AWS cron expression has 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`;
  }
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return 'exactly one of day-of-month and day-of-week must be "?"';
  }
  for (const [index, spec] of FIELDS.entries()) {
    const problem = checkField(fields[index] ?? '', spec);
    if (problem) return problem;
  }
  return undefined;
}
