import { describe, expect, it } from 'vitest';
import type { DailyTaggedCost } from '../../../src/aws/cost-explorer.ts';
import { cohortSpend, cumulative, splitByCohort } from '../../../src/jobs/cost-report/cohort-spend.ts';
import { monthToDate } from '../../../src/jobs/cost-report/month-to-date.ts';

const period = monthToDate(new Date('2026-12-04T10:00:00Z'));
const row = (
  day: number,
  tagValue: string,
  service: string,
  amountUsd: number,
  estimated = false,
): DailyTaggedCost => ({
  day: `2026-12-0${day}`,
  tagValue,
  service,
  amountUsd,
  estimated,
});

describe('cohortSpend', () => {
  it('fills every day, ranks services and finds the newest day with cost', () => {
    const spend = cohortSpend(
      [
        row(1, 'a', 'AWS Glue', 2),
        row(3, 'a', 'Amazon S3', 0.5, true),
        row(3, 'a', 'AWS Glue', 1, true),
        row(4, 'a', 'Amazon S3', 0, true),
      ],
      period,
    );
    expect(spend).toEqual({
      daily: [
        { day: '2026-12-01', usd: 2 },
        { day: '2026-12-02', usd: 0 },
        { day: '2026-12-03', usd: 1.5 },
        { day: '2026-12-04', usd: 0 },
      ],
      byService: [
        { service: 'AWS Glue', usd: 3 },
        { service: 'Amazon S3', usd: 0.5 },
      ],
      totalUsd: 3.5,
      lastDataDay: '2026-12-03',
      estimatedDays: 2,
    });
  });

  it('has no as-of day before any cost arrives', () => {
    expect(cohortSpend([], period).lastDataDay).toBeUndefined();
  });
});

describe('splitByCohort', () => {
  it('gives every cohort its rows, empty ones included, and keeps unknown tag values apart', () => {
    const split = splitByCohort(
      [
        row(1, 'a', 'AWS Glue', 2),
        row(2, 'ghost', 'Amazon S3', 1),
        row(2, 'ghost', 'AWS Glue', 1),
        row(2, 'x', 'S', 0),
      ],
      ['a', 'b'],
      period,
    );
    expect(split.byCohort.get('a')?.totalUsd).toBe(2);
    expect(split.byCohort.get('b')?.totalUsd).toBe(0);
    expect(split.unknown).toEqual([{ tagValue: 'ghost', usd: 2 }]);
  });
});

it('adds up day by day', () => {
  expect(
    cumulative([
      { day: 'a', usd: 1 },
      { day: 'b', usd: 2 },
      { day: 'c', usd: -0.5 },
    ]).map((d) => d.usd),
  ).toEqual([1, 3, 2.5]);
});
