import { describe, expect, it } from 'vitest';
import { crossingAlert, crossings, percentOf } from '../../../src/jobs/cost-report/budget-thresholds.ts';

const budget = { name: 'b', limitUsd: 200, actualUsd: 100, forecastUsd: 170 };

describe('crossings', () => {
  it('lists every threshold reached, on actual spend and on the forecast', () => {
    expect(crossings(budget, [50, 80, 100]).map((c) => `${c.basis}:${c.percent}`)).toEqual([
      'actual:50',
      'forecast:50',
      'forecast:80',
    ]);
  });

  it('counts reaching a threshold exactly, and nothing without a forecast or a limit', () => {
    expect(crossings({ name: 'b', limitUsd: 200, actualUsd: 160 }, [80])).toEqual([
      { basis: 'actual', percent: 80, usd: 160, thresholdUsd: 160 },
    ]);
    expect(crossings({ name: 'b', limitUsd: 0, actualUsd: 5 }, [50])).toEqual([]);
  });
});

it('computes percentages of the limit', () => {
  expect(percentOf(50, 200)).toBe(25);
  expect(percentOf(50, 0)).toBe(0);
});

it('words an alert with the month in its key', () => {
  const [first] = crossings(budget, [50]);
  if (first === undefined) throw new Error('no crossing');
  expect(crossingAlert('seoul-1', '2026-12', budget, first, 'Spend drivers: x')).toEqual({
    key: 'budget:2026-12:actual:50',
    title: 'seoul-1 has spent $100.00 in 2026-12: actual spend reached 50% of its $200.00 budget',
    detail: 'Spend drivers: x',
  });
});
