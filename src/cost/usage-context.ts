/**
 * What one calendar month of a cohort consumes, before prices: the context every usage module reads, and the
 * draft line each one returns (a quantity in the price table's unit, and the human assumption behind it).
 */
import type { ResolvedCohort } from '../cohort/schema.ts';
import type { CostAssumptions } from './assumptions.ts';
import { type CohortCalendar, type CostDay, daysInMonth } from './cohort-calendar.ts';
import { plural } from './format.ts';
import type { PriceItem } from './price-table.ts';

export const BYTES_PER_GB = 1024 ** 3;
export const MB_PER_TB = 1024 * 1024;

export interface MonthUsage {
  readonly cohort: ResolvedCohort;
  readonly assumptions: CostAssumptions;
  readonly calendar: CohortCalendar;
  readonly month: string;
  /** The cohort's days that fall in `month`. */
  readonly days: readonly CostDay[];
  readonly sessionDays: number;
  readonly activeDays: number;
  readonly daysInMonth: number;
  /** Whether the stack is provisioned (datasets uploaded) in this month. */
  readonly provisionedThisMonth: boolean;
  /** Whether the first session day (onboarding, first ETL outputs) is in this month. */
  readonly firstSessionThisMonth: boolean;
  /** Byte size of each of the cohort's datasets (missing sizes already reported and counted as 0). */
  readonly datasetBytes: Readonly<Record<string, number>>;
  readonly rawBytes: number;
}

export interface LineDraft {
  readonly service: string;
  readonly item: string;
  readonly priceItem: PriceItem;
  readonly region: string;
  /** In the unit of the price table's row for `priceItem`. */
  readonly quantity: number;
  readonly assumption: string;
}

export function monthUsage(
  base: Omit<
    MonthUsage,
    'days' | 'sessionDays' | 'activeDays' | 'daysInMonth' | 'provisionedThisMonth' | 'firstSessionThisMonth'
  >,
): MonthUsage {
  const { calendar, month } = base;
  const days = calendar.days.filter((d) => d.month === month);
  return {
    ...base,
    days,
    sessionDays: days.filter((d) => d.session).length,
    activeDays: days.length,
    daysInMonth: daysInMonth(month),
    provisionedThisMonth: calendar.days[0]?.month === month,
    firstSessionThisMonth: calendar.days[calendar.firstSessionIndex]?.month === month,
  };
}

/** `30 students`, for assumption texts. */
export function studentsText(usage: MonthUsage): string {
  return plural(usage.cohort.students.length, 'student');
}

/** `3 days` of sessions in this month. */
export function sessionDaysText(usage: MonthUsage): string {
  return plural(usage.sessionDays, 'day');
}

/** `7 of 31 days`: how much of the month a monthly-priced resource exists. */
export function activeShareText(usage: MonthUsage): string {
  return `${usage.activeDays} of ${usage.daysInMonth} days`;
}

/** The fraction of the month a monthly-priced resource exists (AWS prorates them by the hour). */
export function activeShare(usage: MonthUsage): number {
  return usage.activeDays / usage.daysInMonth;
}
