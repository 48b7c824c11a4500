/**
 * Cost Explorer's rows for all cohorts at once, split per cohort: spend per day (zero-filled, so the chart has every
 * day), per service, and which days are the freshest data. Tag values that are no cohort of this repository are
 * kept apart, so their spend is visible rather than silently dropped.
 */
import type { DailyTaggedCost } from '../../aws/cost-explorer.ts';
import type { MonthToDate } from './month-to-date.ts';

export interface DaySpend {
  readonly day: string;
  readonly usd: number;
}

export interface ServiceSpend {
  readonly service: string;
  readonly usd: number;
}

export interface CohortSpend {
  /** Every day of the period, in order, with what was spent that day. */
  readonly daily: readonly DaySpend[];
  /** Services by spend, highest first. */
  readonly byService: readonly ServiceSpend[];
  readonly totalUsd: number;
  /** The last day with any cost in Cost Explorer: the data's as-of day. */
  readonly lastDataDay?: string;
  /** Days Cost Explorer marks as estimated (they may still change). */
  readonly estimatedDays: number;
}

export interface SpendSplit {
  readonly byCohort: ReadonlyMap<string, CohortSpend>;
  /** Spend tagged with a cohort id this repository does not have (a removed cohort, a typo), by tag value. */
  readonly unknown: readonly { readonly tagValue: string; readonly usd: number }[];
}

/** Services by amount, highest first; ties by name so the output is stable. */
export function ranked<T extends { readonly usd: number }>(
  totals: ReadonlyMap<string, number>,
  make: (key: string, usd: number) => T,
): T[] {
  return [...totals]
    .map(([key, usd]) => ({ key, item: make(key, usd) }))
    .sort((a, b) => b.item.usd - a.item.usd || a.key.localeCompare(b.key))
    .map((x) => x.item);
}

const add = (map: Map<string, number>, key: string, usd: number) => map.set(key, (map.get(key) ?? 0) + usd);

export function cohortSpend(rows: readonly DailyTaggedCost[], period: MonthToDate): CohortSpend {
  const perDay = new Map<string, number>();
  const perService = new Map<string, number>();
  const estimated = new Set<string>();
  let lastDataDay: string | undefined;
  for (const row of rows) {
    add(perDay, row.day, row.amountUsd);
    add(perService, row.service, row.amountUsd);
    if (row.estimated) estimated.add(row.day);
    if (row.amountUsd !== 0 && (lastDataDay === undefined || row.day > lastDataDay)) lastDataDay = row.day;
  }
  const daily = period.days.map((day) => ({ day, usd: perDay.get(day) ?? 0 }));
  return {
    daily,
    byService: ranked(perService, (service, usd) => ({ service, usd })).filter((s) => s.usd !== 0),
    totalUsd: daily.reduce((sum, d) => sum + d.usd, 0),
    ...(lastDataDay === undefined ? {} : { lastDataDay }),
    estimatedDays: estimated.size,
  };
}

/** One pass over every row, whatever the number of cohorts. */
export function splitByCohort(
  rows: readonly DailyTaggedCost[],
  cohortIds: readonly string[],
  period: MonthToDate,
): SpendSplit {
  const known = new Set(cohortIds);
  const grouped = new Map<string, DailyTaggedCost[]>(cohortIds.map((id) => [id, []]));
  const unknown = new Map<string, number>();
  for (const row of rows) {
    if (known.has(row.tagValue)) grouped.get(row.tagValue)?.push(row);
    else add(unknown, row.tagValue, row.amountUsd);
  }
  const byCohort = new Map([...grouped].map(([id, own]) => [id, cohortSpend(own, period)]));
  return {
    byCohort,
    unknown: ranked(unknown, (tagValue, usd) => ({ tagValue, usd })).filter((u) => u.usd !== 0),
  };
}

/** Running totals of `daily`. */
export function cumulative(daily: readonly DaySpend[]): DaySpend[] {
  let sum = 0;
  return daily.map(({ day, usd }) => {
    sum += usd;
    return { day, usd: sum };
  });
}
