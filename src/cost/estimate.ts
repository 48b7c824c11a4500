/**
 * The per-cohort monthly cost estimate: usage drafts from the cohort and the assumptions, priced from the price
 * table in each line's region (replicas in the backup region). Pure: dataset sizes and the parsed table come in.
 * A cohort whose resources span two calendar months is estimated per month; the estimate shows the costliest one
 * (or the one asked for), since the budget it is compared with is monthly.
 */
import type { ResolvedCohort } from '../cohort/schema.ts';
import { type CostAssumptions, type CostAssumptionsInput, resolveAssumptions } from './assumptions.ts';
import { type CohortCalendar, cohortCalendar, daysInMonth } from './cohort-calendar.ts';
import { computeDrafts } from './compute-usage.ts';
import { formatNumber, formatUsd } from './format.ts';
import { operationsDrafts } from './operations-usage.ts';
import { FALLBACK_REGION, findPrice, PRICES_PATH, type PriceItem, type PriceTable } from './price-table.ts';
import { s3Drafts } from './storage-usage.ts';
import { type LineDraft, monthUsage } from './usage-context.ts';

export interface CostLine {
  readonly service: string;
  readonly item: string;
  /** The price-table item the line is priced with. */
  readonly priceItem: PriceItem;
  /** Region whose price was used (or would have been, when it fell back to us-east-1); "global" for Budgets. */
  readonly region: string;
  /** How the quantity was reached, e.g. "30 students × 40 queries/day × 3 days × 10 MB". */
  readonly assumption: string;
  /** Billable quantity in `unit` (after the free tier, when free tiers are applied). */
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  /** quantity × unitPrice, unrounded. */
  readonly monthly: number;
}

export interface CostPeriod {
  /** The calendar month estimated, YYYY-MM. */
  readonly month: string;
  /** First and last day (local dates) the cohort's resources exist in that month. */
  readonly from: string;
  readonly to: string;
  readonly sessionDays: number;
  /** Days the resources exist in the month: provisioning lead, sessions and the wait before teardown. */
  readonly activeDays: number;
  readonly daysInMonth: number;
}

export interface CostEstimate {
  readonly cohortId: string;
  readonly region: string;
  readonly backupRegion?: string;
  readonly currency: 'USD';
  readonly period: CostPeriod;
  readonly monthlyTotal: number;
  readonly lines: readonly CostLine[];
  /** Every month the cohort's resources exist in, with its total. */
  readonly months: readonly { readonly month: string; readonly total: number }[];
  readonly budgetUsd: number;
  readonly overBudget: boolean;
  readonly warnings: readonly string[];
  /** Date of the oldest price used. */
  readonly pricesAsOf: string;
  readonly assumptions: CostAssumptions;
}

export interface EstimateInput {
  readonly cohort: ResolvedCohort;
  /** Byte size of each dataset file, by dataset name. */
  readonly datasetBytes: Readonly<Record<string, number>>;
  /** Overrides of the default assumptions (already merged from `_settings.yaml` by the caller, or several here). */
  readonly assumptions?: CostAssumptionsInput | undefined;
  readonly prices: PriceTable;
  /** YYYY-MM; default: the costliest month the cohort is active in. */
  readonly month?: string | undefined;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Prices older than this when a cohort starts get a refresh warning. */
const STALE_PRICE_DAYS = 180;

interface PricedMonth {
  readonly month: string;
  readonly lines: CostLine[];
  readonly total: number;
  /** Items priced with the fallback region's price, by the region that lacked them. */
  readonly missing: ReadonlyMap<string, ReadonlySet<string>>;
  readonly dates: readonly string[];
}

function priceDrafts(drafts: readonly LineDraft[], prices: PriceTable, applyFreeTiers: boolean) {
  const lines: CostLine[] = [];
  const missing = new Map<string, Set<string>>();
  const dates: string[] = [];
  for (const draft of drafts) {
    if (!(draft.quantity > 0)) continue;
    const { row, missingRegion } = findPrice(prices, draft.priceItem, draft.region);
    if (missingRegion !== undefined) {
      missing.set(missingRegion, (missing.get(missingRegion) ?? new Set()).add(draft.priceItem));
    }
    dates.push(row.date);
    const free = applyFreeTiers ? (row.freeTier?.quantity ?? 0) : 0;
    const quantity = Math.max(0, draft.quantity - free);
    const freeText = free > 0 ? `, minus the free tier (${row.freeTier?.note ?? ''})` : '';
    lines.push({
      service: draft.service,
      item: draft.item,
      priceItem: draft.priceItem,
      region: draft.region,
      assumption: `${draft.assumption}${freeText}`,
      quantity,
      unit: row.unit,
      unitPrice: row.priceUsd,
      monthly: quantity * row.priceUsd,
    });
  }
  return { lines, missing, dates };
}

function estimateMonth(
  month: string,
  base: Omit<Parameters<typeof monthUsage>[0], 'month'> & { readonly prices: PriceTable },
): PricedMonth {
  const usage = monthUsage({ ...base, month });
  const drafts = [...computeDrafts(usage), ...s3Drafts(usage), ...operationsDrafts(usage)];
  const priced = priceDrafts(drafts, base.prices, base.assumptions.applyFreeTiers);
  const total = priced.lines.reduce((sum, line) => sum + line.monthly, 0);
  return { month, total, ...priced };
}

/** Dataset sizes for the cohort's datasets; a missing or invalid size counts as 0 and is reported. */
function datasetSizes(cohort: ResolvedCohort, given: Readonly<Record<string, number>>, warnings: string[]) {
  const sizes: Record<string, number> = {};
  for (const { name } of cohort.datasets) {
    const bytes = Object.hasOwn(given, name) ? given[name] : undefined;
    if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
      warnings.push(
        `dataset "${name}" has no valid byte size: counted as 0 bytes, so its storage and scans are missing`,
      );
      sizes[name] = 0;
    } else {
      sizes[name] = bytes;
    }
  }
  return sizes;
}

function periodOf(month: string, calendar: CohortCalendar): CostPeriod {
  const days = calendar.days.filter((d) => d.month === month);
  return {
    month,
    from: days[0]?.date ?? `${month}-01`,
    to: days.at(-1)?.date ?? `${month}-${String(daysInMonth(month)).padStart(2, '0')}`,
    sessionDays: days.filter((d) => d.session).length,
    activeDays: days.length,
    daysInMonth: daysInMonth(month),
  };
}

function chooseMonth(months: readonly PricedMonth[], wanted: string | undefined): PricedMonth | undefined {
  if (wanted !== undefined) return months.find((m) => m.month === wanted);
  return months.reduce<PricedMonth | undefined>(
    (best, m) => (best === undefined || m.total > best.total ? m : best),
    undefined,
  );
}

function regionWarnings(missing: ReadonlyMap<string, ReadonlySet<string>>, prices: PriceTable): string[] {
  return [...missing].map(([region, items]) =>
    prices.regions.has(region)
      ? `${PRICES_PATH} lacks ${[...items].join(', ')} in ${region}: used ${FALLBACK_REGION} prices for them`
      : `no prices for ${region} in ${PRICES_PATH}: used ${FALLBACK_REGION} prices instead; add the region to the table`,
  );
}

function scanWarning(cohort: ResolvedCohort, assumptions: CostAssumptions): string[] {
  const wanted = assumptions.gbScannedPerQuery;
  const limit = cohort.athena.scanLimitGbPerQuery;
  if (wanted === undefined || wanted <= limit) return [];
  return [
    `gbScannedPerQuery (${formatNumber(wanted)} GB) is above the workgroup scan limit (${formatNumber(limit)} GB): queries are cancelled at the limit, so ${formatNumber(limit)} GB per query is estimated`,
  ];
}

function lifecycleWarning(cohort: ResolvedCohort, calendar: CohortCalendar): string[] {
  if (calendar.days.length <= cohort.storage.infrequentAccessAfterDays) return [];
  return [
    `objects move out of S3 Standard (after ${cohort.storage.infrequentAccessAfterDays} days) before teardown: deleting them early adds minimum-duration charges (30 days Standard-IA, 90 Glacier Flexible Retrieval, 180 Deep Archive) not included here`,
  ];
}

/** The over-budget warning, shared with the table renderer, which shows it as an alert of its own. */
export function overBudgetText(total: number, month: string, limitUsd: number): string {
  return `estimated cost ${formatUsd(total)} for ${month} is above the budget of ${formatUsd(limitUsd)}`;
}

function budgetWarnings(cohort: ResolvedCohort, chosen: PricedMonth): string[] {
  const { limitUsd, freezeAtPercent } = cohort.budget;
  const warnings: string[] = [];
  if (chosen.total > limitUsd) warnings.push(overBudgetText(chosen.total, chosen.month, limitUsd));
  if (freezeAtPercent !== null && chosen.total >= (limitUsd * freezeAtPercent) / 100) {
    warnings.push(
      `estimated cost reaches the freeze threshold (${formatNumber(freezeAtPercent)}% of ${formatUsd(limitUsd)}): the budget action would remove students' write access during the workshop`,
    );
  }
  return warnings;
}

function monthsWarning(months: readonly PricedMonth[], chosen: PricedMonth): string[] {
  if (months.length < 2) return [];
  const others = months.filter((m) => m !== chosen).map((m) => `${m.month}: ${formatUsd(m.total)}`);
  return [
    `the cohort's resources exist in ${months.length} calendar months: this is ${chosen.month}; ${others.join(', ')}`,
  ];
}

function staleWarning(pricesAsOf: string, calendar: CohortCalendar): string[] {
  const firstSession = calendar.days[calendar.firstSessionIndex]?.date;
  if (firstSession === undefined) return [];
  const ageDays = (Date.parse(firstSession) - Date.parse(pricesAsOf)) / 86_400_000;
  if (ageDays <= STALE_PRICE_DAYS) return [];
  return [
    `prices are from ${pricesAsOf}, ${Math.round(ageDays)} days before the cohort starts: refresh them (\`workshop prices refresh\`)`,
  ];
}

function oldest(dates: readonly string[]): string {
  return [...dates].sort()[0] ?? '';
}

/** The estimate for one cohort; never throws on data (missing prices, sizes or months become warnings). */
export function estimateCohortCost(input: EstimateInput): CostEstimate {
  const { cohort, prices } = input;
  if (input.month !== undefined && !MONTH.test(input.month)) {
    throw new RangeError(`month must be written YYYY-MM (got "${input.month}")`);
  }
  const assumptions = resolveAssumptions(input.assumptions);
  const calendar = cohortCalendar(cohort.schedule, assumptions.provisionedDaysBeforeStart);
  const warnings: string[] = [];
  const sizes = datasetSizes(cohort, input.datasetBytes, warnings);
  const rawBytes = Object.values(sizes).reduce((a, b) => a + b, 0);
  const base = { cohort, assumptions, calendar, datasetBytes: sizes, rawBytes, prices };
  const months = calendar.months.map((month) => estimateMonth(month, base));
  const chosen = chooseMonth(months, input.month) ?? estimateMonth(input.month ?? '', base);
  if (!months.includes(chosen)) {
    warnings.push(
      `the cohort has no resources in ${chosen.month} (they exist from ${calendar.days[0]?.date} to ${calendar.days.at(-1)?.date})`,
    );
  }
  const pricesAsOf = oldest(chosen.dates.length > 0 ? chosen.dates : prices.rows.map((r) => r.date));
  warnings.unshift(...regionWarnings(chosen.missing, prices));
  warnings.push(
    ...scanWarning(cohort, assumptions),
    ...monthsWarning(months, chosen),
    ...lifecycleWarning(cohort, calendar),
    ...budgetWarnings(cohort, chosen),
    ...staleWarning(pricesAsOf, calendar),
  );
  return {
    cohortId: cohort.id,
    region: cohort.regions.primary,
    ...(cohort.regions.backup === undefined ? {} : { backupRegion: cohort.regions.backup }),
    currency: 'USD',
    period: periodOf(chosen.month, calendar),
    monthlyTotal: chosen.total,
    lines: chosen.lines,
    months: months.map((m) => ({ month: m.month, total: m.total })),
    budgetUsd: cohort.budget.limitUsd,
    overBudget: chosen.total > cohort.budget.limitUsd,
    warnings,
    pricesAsOf,
    assumptions,
  };
}
