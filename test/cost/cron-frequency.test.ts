import { describe, expect, it } from 'vitest';
import { cronFieldSize, cronRunsPerDay } from '../../src/cost/cron-frequency.ts';

describe('cronRunsPerDay', () => {
  it.each([
    ['cron(0 1 * * ? *)', 1],
    ['cron(0 2 * * ? *)', 1],
    ['cron(0/15 * * * ? *)', 96],
    ['cron(0 8,20 * * ? *)', 2],
    ['cron(0 9 ? * MON-FRI *)', 5 / 7],
    ['cron(0 9 ? * 2,4,6 *)', 3 / 7],
    ['cron(0 8,20 * JAN-JUN ? *)', 1],
    ['cron(30 6 1 * ? *)', 12 / 365.25],
    ['cron(0 3 L * ? *)', 12 / 365.25],
  ])('%s runs %d times a day on average', (expression, expected) => {
    expect(cronRunsPerDay(expression)).toBeCloseTo(expected, 10);
  });
});

describe('cronFieldSize', () => {
  it('counts lists, ranges, steps and names', () => {
    expect(cronFieldSize('*', 0, 59)).toBe(60);
    expect(cronFieldSize('5/20', 0, 59)).toBe(3);
    expect(cronFieldSize('1-10/3,30', 0, 59)).toBe(5);
    expect(cronFieldSize('MON-WED,SAT', 1, 7, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'])).toBe(4);
  });
});
