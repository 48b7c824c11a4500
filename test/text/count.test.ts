import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../src/text/count.ts';

describe('counts', () => {
  it('group thousands the same way whatever the machine locale', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
  });

  it('add an "s" to the noun unless there is exactly one', () => {
    expect(countOf(1, 'resource')).toBe('1 resource');
    expect(countOf(0, 'file')).toBe('0 files');
    expect(countOf(2500, 'change')).toBe('2,500 changes');
  });
});
