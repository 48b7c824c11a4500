import { describe, expect, it } from 'vitest';
import { monthToDate } from '../../../src/jobs/cost-report/month-to-date.ts';

describe('monthToDate', () => {
  it('runs from the first of the UTC month to today, ending tomorrow for Cost Explorer', () => {
    const period = monthToDate(new Date('2026-12-07T23:30:00-05:00'));
    expect(period).toMatchObject({
      month: '2026-12',
      start: '2026-12-01',
      today: '2026-12-08',
      endExclusive: '2026-12-09',
      daysInMonth: 31,
      since: new Date('2026-12-01T00:00:00Z'),
    });
    expect(period.days).toHaveLength(8);
  });

  it('has one day on the first of the month and crosses into the next year', () => {
    const period = monthToDate(new Date('2026-12-31T12:00:00Z'));
    expect(period.endExclusive).toBe('2027-01-01');
    expect(monthToDate(new Date('2027-01-01T00:00:00Z')).days).toEqual(['2027-01-01']);
  });

  it('knows leap years', () => {
    expect(monthToDate(new Date('2028-02-29T08:00:00Z')).daysInMonth).toBe(29);
  });
});
