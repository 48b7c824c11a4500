/**
 * AWS Budgets, read only: a cohort budget's limit, actual spend and forecast. Budgets are account-wide and served
 * from us-east-1. A budget that does not exist is its own error, so the report can say what to do about it.
 */
import { type Budget, type BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import { isErrorNamed } from './errors.ts';

export const BUDGETS_REGION = 'us-east-1';

export interface BudgetSpend {
  readonly name: string;
  readonly limitUsd: number;
  readonly actualUsd: number;
  /** Absent early in a period, before AWS has enough data to forecast. */
  readonly forecastUsd?: number;
  /** When AWS last refreshed the figures (a few times a day). */
  readonly updatedAt?: Date;
}

export interface BudgetsApi {
  describeBudget(accountId: string, name: string): Promise<BudgetSpend>;
}

export class BudgetNotFoundError extends Error {
  override readonly name = 'BudgetNotFoundError';
  constructor(readonly budgetName: string) {
    super(`budget "${budgetName}" does not exist: apply the cohort (its stack creates the budget), then re-run`);
  }
}

function amount(spend: { Amount?: string | undefined; Unit?: string | undefined } | undefined): number | undefined {
  if (spend?.Amount === undefined) return undefined;
  if (spend.Unit !== undefined && spend.Unit !== 'USD') {
    throw new Error(`budget amounts are in ${spend.Unit}; the cost report reads USD budgets only`);
  }
  const value = Number(spend.Amount);
  return Number.isFinite(value) ? value : undefined;
}

export function budgetsApi(client: BudgetsClient): BudgetsApi {
  return {
    async describeBudget(accountId, name) {
      let budget: Budget | undefined;
      try {
        ({ Budget: budget } = await client.send(new DescribeBudgetCommand({ AccountId: accountId, BudgetName: name })));
      } catch (error) {
        if (isErrorNamed(error, 'NotFoundException')) throw new BudgetNotFoundError(name);
        throw error;
      }
      if (budget === undefined) throw new BudgetNotFoundError(name);
      const forecastUsd = amount(budget.CalculatedSpend?.ForecastedSpend);
      return {
        name,
        limitUsd: amount(budget.BudgetLimit) ?? 0,
        actualUsd: amount(budget.CalculatedSpend?.ActualSpend) ?? 0,
        ...(forecastUsd === undefined ? {} : { forecastUsd }),
        ...(budget.LastUpdatedTime === undefined ? {} : { updatedAt: budget.LastUpdatedTime }),
      };
    },
  };
}
