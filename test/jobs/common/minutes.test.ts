import { describe, expect, it } from 'vitest';
import { timeoutMinutesMs } from '../../../src/jobs/common/minutes.ts';

describe('timeoutMinutesMs', () => {
  it('turns minutes into milliseconds, fractions included', () => {
    expect(timeoutMinutesMs('30', '--timeout', 45)).toBe(1_800_000);
    expect(timeoutMinutesMs('0.5', '--timeout', 45)).toBe(30_000);
  });

  it.each(['', 'soon', '0', '-5', 'Infinity', '46', '60'])('refuses %j, naming the option and the range', (text) => {
    expect(() => timeoutMinutesMs(text, 'timeout-minutes', 45)).toThrow(
      `timeout-minutes must be a number of minutes above 0 and at most 45; got "${text}"`,
    );
  });

  it('accepts the maximum itself', () => {
    expect(timeoutMinutesMs('45', '--timeout', 45)).toBe(2_700_000);
  });
});
