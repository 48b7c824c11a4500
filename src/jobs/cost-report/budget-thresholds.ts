/**
 * Which of a cohort's `alertPercents` its spend has crossed, on actual spend and on AWS's forecast, as alerts with
 * stable keys. Keys carry the month: budgets restart every month, and so do their crossings.
 */
import type { BudgetSpend } from '../../aws/budgets.ts';
import { formatUsd } from '../../cost/format.ts';
import type { Alert } from '../common/alerts.ts';

export type SpendBasis = 'actual' | 'forecast';

export interface Crossing {
  readonly basis: SpendBasis;
  readonly percent: number;
  /** The spend (or forecast) that crossed it. */
  readonly usd: number;
  /** The threshold in dollars. */
  readonly thresholdUsd: number;
}

export function percentOf(usd: number, limitUsd: number): number {
  return limitUsd > 0 ? (usd / limitUsd) * 100 : 0;
}

/** Every threshold reached (at or above), actual first, each ascending. */
export function crossings(budget: BudgetSpend, alertPercents: readonly number[]): Crossing[] {
  const out: Crossing[] = [];
  const bases: [SpendBasis, number | undefined][] = [
    ['actual', budget.actualUsd],
    ['forecast', budget.forecastUsd],
  ];
  for (const [basis, usd] of bases) {
    if (usd === undefined) continue;
    for (const percent of alertPercents) {
      const thresholdUsd = (budget.limitUsd * percent) / 100;
      if (budget.limitUsd > 0 && usd >= thresholdUsd) out.push({ basis, percent, usd, thresholdUsd });
    }
  }
  return out;
}

export function crossingKey(month: string, crossing: Crossing): string {
  return `budget:${month}:${crossing.basis}:${crossing.percent}`;
}

export function crossingAlert(
  cohortId: string,
  month: string,
  budget: BudgetSpend,
  crossing: Crossing,
  drivers: string | undefined,
): Alert {
  const what = crossing.basis === 'actual' ? 'spent' : 'forecast to spend';
  return {
    key: crossingKey(month, crossing),
    title: `${cohortId} has ${what} ${formatUsd(crossing.usd)} in ${month}: ${crossing.basis} spend reached ${crossing.percent}% of its ${formatUsd(budget.limitUsd)} budget`,
    ...(drivers === undefined ? {} : { detail: drivers }),
  };
}
