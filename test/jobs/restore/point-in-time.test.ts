import { describe, expect, it } from 'vitest';
import { parsePointInTime } from '../../../src/jobs/restore/point-in-time.ts';

describe('parsePointInTime', () => {
  it.each([
    ['2026-12-08T14:30:00+09:00', '2026-12-08T05:30:00.000Z'],
    ['2026-12-08T05:30:00Z', '2026-12-08T05:30:00.000Z'],
    ['2026-12-08T05:30Z', '2026-12-08T05:30:00.000Z'],
    ['2026-12-08T05:30:00.250-01:30', '2026-12-08T07:00:00.250Z'],
  ])('reads %s', (text, iso) => {
    expect(parsePointInTime(text).toISOString()).toBe(iso);
  });

  it.each(['2026-12-08T14:30:00', '2026-12-08', '14:30', 'yesterday', '2026-12-08 14:30:00+09:00'])(
    'refuses %s, which has no offset or is not ISO, with an example',
    (text) => {
      expect(() => parsePointInTime(text)).toThrow(/with an offset, such as 2026-12-08T14:30:00\+09:00/);
    },
  );

  it('refuses a date that does not exist', () => {
    expect(() => parsePointInTime('2026-13-08T14:30:00Z')).toThrow(/not a real date and time/);
  });
});
