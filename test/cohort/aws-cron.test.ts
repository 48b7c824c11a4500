import { describe, expect, it } from 'vitest';
import { awsCronProblem } from '../../src/cohort/aws-cron.ts';

describe('awsCronProblem', () => {
  it.each([
    'cron(0 1 * * ? *)',
    'cron(0 2 * * ? *)',
    'cron(15 10 ? * MON-FRI *)',
    'cron(0/15 8-17 ? * 2-6 *)',
    'cron(0 9 L * ? 2026)',
    'cron(0 9 ? * 6#3 *)',
    'cron(0 0 1,15 JAN,JUL ? *)',
  ])('accepts %s', (expression) => {
    expect(awsCronProblem(expression)).toBeUndefined();
  });

  it.each([
    ['0 1 * * ? *', /expected an AWS cron expression/],
    ['cron(0 1 * * ?)', /6 fields .* found 5/],
    ['cron(0 1 * * * *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 1 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(60 1 * * ? *)', /"60" is out of range for the minutes field/],
    ['cron(0 24 * * ? *)', /out of range for the hours field/],
    ['cron(0 1 ? * FUNDAY *)', /out of range for the day-of-week field/],
    ['cron(0 1 * 13 ? *)', /out of range for the month field/],
    ['cron(0 1 * * ? 1800)', /out of range for the year field/],
    ['cron(0/x 1 * * ? *)', /invalid step/],
  ])('rejects %s', (expression, message) => {
    expect(awsCronProblem(expression)).toMatch(message);
  });
});
