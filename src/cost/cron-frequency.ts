/**
 * How often an AWS cron schedule fires, on average per day. Scheduled crawlers and jobs run every day the stack
 * exists, not only on session days, so their runs are counted from the schedule. The expression has already been
 * validated by the cohort schema; day rules that fire once a month or week (L, W, #) count as such on average.
 */
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const AVERAGE_DAYS_PER_MONTH = 365.25 / 12;

function atom(value: string, names: readonly string[], offset: number): number {
  const index = names.indexOf(value.toUpperCase());
  return index >= 0 ? index + offset : Number(value);
}

/** How many distinct values a cron field selects within [min, max]. */
export function cronFieldSize(field: string, min: number, max: number, names: readonly string[] = []): number {
  const selected = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Math.max(1, Number(stepText));
    const [lowText, highText] = range === '*' ? [String(min), String(max)] : range.split('-');
    const low = atom(lowText ?? String(min), names, min);
    // "5/15" means from 5 to the end of the range in steps of 15.
    const high = highText === undefined ? (stepText === undefined ? low : max) : atom(highText, names, min);
    for (let v = low; v <= high; v += step) selected.add(v);
  }
  return selected.size;
}

function dayOfMonthShare(field: string): number {
  if (field === '*' || field === '?') return 1;
  if (/[LW]/.test(field)) return 1 / AVERAGE_DAYS_PER_MONTH;
  return Math.min(1, cronFieldSize(field, 1, 31) / AVERAGE_DAYS_PER_MONTH);
}

function dayOfWeekShare(field: string): number {
  if (field === '*' || field === '?') return 1;
  if (/[L#]/.test(field)) return 1 / AVERAGE_DAYS_PER_MONTH;
  return cronFieldSize(field, 1, 7, DAY_NAMES) / 7;
}

/** Average runs per day of `cron(m h dom mon dow year)`; the year field is ignored. */
export function cronRunsPerDay(expression: string): number {
  const body = /^cron\((.*)\)$/.exec(expression.trim())?.[1] ?? '';
  const [minutes = '0', hours = '0', dayOfMonth = '*', month = '*', dayOfWeek = '?'] = body.trim().split(/\s+/);
  const perDay = cronFieldSize(minutes, 0, 59) * cronFieldSize(hours, 0, 23);
  const monthShare = cronFieldSize(month, 1, 12, MONTH_NAMES) / 12;
  return perDay * monthShare * dayOfMonthShare(dayOfMonth) * dayOfWeekShare(dayOfWeek);
}
