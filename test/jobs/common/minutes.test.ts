import { describe, expect, it } from 'vitest';
import { timeoutMinutesMs } from '../../../src/jobs/common/minutes.ts';

describe('timeoutMinutesMs', () => {
  it('turns minutes into milliseconds, fractions included', () => {
    expect(timeoutMinutesMs('30', '--timeout', 45)).toBe(1_800_000);
    expect(timeoutMinutesMs('0.5', '--timeout', 45)).toBe(30_000);
  });

  it.each(['', 'soon', '0', '-5', 'Infinity'])('refuses %j, naming the option', (text) => {
    expect(() => timeoutMinutesMs(text, 'timeout-minutes', 45)).toThrow(
      `timeout-minutes must be a positive number; got "${text}"`,
    );
  });

  it('refuses more than the maximum', () => {
    expect(() => timeoutMinutesMs('46', '--timeout', 45)).toThrow('--timeout must be a number of minutes from 0 to 45');
  });
});
