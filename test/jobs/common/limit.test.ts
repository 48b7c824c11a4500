import { describe, expect, it } from 'vitest';
import { limit, mapLimit } from '../../../src/jobs/common/limit.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('limit / mapLimit', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      for (let i = 0; i < n; i++) await tick();
      active -= 1;
      return n * 10;
    });
    expect(peak).toBe(3);
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
  });

  it('frees the slot of a task that throws', async () => {
    const gate = limit(1);
    await expect(gate(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => limit(0)).toThrow(RangeError);
    expect(() => limit(1.5)).toThrow(RangeError);
  });
});
