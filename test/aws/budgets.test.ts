import { BudgetsClient, DescribeBudgetCommand, NotFoundException } from '@aws-sdk/client-budgets';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { BudgetNotFoundError, budgetsApi } from '../../src/aws/budgets.ts';

const budgets = mockClient(BudgetsClient);
const updated = new Date('2026-12-07T06:00:00Z');

describe('budgetsApi', () => {
  beforeEach(() => budgets.reset());

  it('reads the limit, the actual spend and the forecast of the named budget', async () => {
    budgets.on(DescribeBudgetCommand).resolves({
      Budget: {
        BudgetName: 'ws-seoul-1-monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: '500.0', Unit: 'USD' },
        CalculatedSpend: {
          ActualSpend: { Amount: '123.45', Unit: 'USD' },
          ForecastedSpend: { Amount: '410', Unit: 'USD' },
        },
        LastUpdatedTime: updated,
      },
    });
    const spend = await budgetsApi(new BudgetsClient({})).describeBudget('123456789012', 'ws-seoul-1-monthly');
    expect(budgets.commandCalls(DescribeBudgetCommand)[0]?.args[0].input).toEqual({
      AccountId: '123456789012',
      BudgetName: 'ws-seoul-1-monthly',
    });
    expect(spend).toEqual({
      name: 'ws-seoul-1-monthly',
      limitUsd: 500,
      actualUsd: 123.45,
      forecastUsd: 410,
      updatedAt: updated,
    });
  });

  it('leaves the forecast out early in the month, when AWS has none', async () => {
    budgets.on(DescribeBudgetCommand).resolves({
      Budget: {
        BudgetName: 'b',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: '50', Unit: 'USD' },
        CalculatedSpend: { ActualSpend: { Amount: '0', Unit: 'USD' } },
      },
    });
    const spend = await budgetsApi(new BudgetsClient({})).describeBudget('123456789012', 'b');
    expect(spend).toEqual({ name: 'b', limitUsd: 50, actualUsd: 0 });
  });

  it('names the missing budget and what to do', async () => {
    budgets
      .on(DescribeBudgetCommand)
      .rejects(new NotFoundException({ message: 'Unable to get budget', $metadata: {} }));
    const read = budgetsApi(new BudgetsClient({})).describeBudget('123456789012', 'ws-gone-monthly');
    await expect(read).rejects.toBeInstanceOf(BudgetNotFoundError);
    await expect(read).rejects.toThrow(/budget "ws-gone-monthly" does not exist: apply the cohort/);
  });

  it('refuses budgets in another currency rather than compare them with dollars', async () => {
    budgets.on(DescribeBudgetCommand).resolves({
      Budget: { BudgetName: 'b', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '50', Unit: 'EUR' } },
    });
    await expect(budgetsApi(new BudgetsClient({})).describeBudget('1', 'b')).rejects.toThrow(/in EUR/);
  });

  it('passes other errors through', async () => {
    budgets.on(DescribeBudgetCommand).rejects(new Error('AccessDeniedException'));
    await expect(budgetsApi(new BudgetsClient({})).describeBudget('1', 'b')).rejects.toThrow('AccessDeniedException');
  });
});
