import { describe, expect, it } from 'vitest';
import { Cohort } from '../../src/cohort/schema.ts';
import { cohortCalendar, daysInMonth } from '../../src/cost/cohort-calendar.ts';

function schedule(input: Record<string, unknown>) {
  return Cohort.parse({
    id: 'calendar-test',
    title: 'T',
    owner: 'jkim',
    schedule: input,
    regions: { primary: 'ap-northeast-2' },
    budget: { limitUsd: 10 },
    instructors: [{ name: 'J', email: 'j@example.com' }],
    students: [{ id: 's01', name: 'A', email: 'a@example.com' }],
  }).schedule;
}

describe('cohortCalendar', () => {
  it('counts session days inclusively and adds the lead and teardown days', () => {
    const calendar = cohortCalendar(schedule({ start: '2026-12-07', end: '2026-12-09', teardownAfterDays: 3 }), 1);
    expect(calendar.sessionDays).toBe(3);
    expect(calendar.days.map((d) => d.date)).toEqual([
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
    ]);
    expect(calendar.days.filter((d) => d.session).map((d) => d.date)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
    ]);
    expect(calendar.days[calendar.firstSessionIndex]?.date).toBe('2026-12-07');
  });

  it("reads date-times in the cohort's time zone", () => {
    // 23:30 UTC on the 7th is the morning of the 8th in Seoul; 14:00 UTC on the 9th is 23:00 there.
    const calendar = cohortCalendar(
      schedule({
        start: '2026-12-07T23:30:00Z',
        end: '2026-12-09T14:00:00Z',
        timezone: 'Asia/Seoul',
        teardownAfterDays: 0,
      }),
      0,
    );
    expect(calendar.days.map((d) => d.date)).toEqual(['2026-12-08', '2026-12-09']);
    expect(calendar.sessionDays).toBe(2);
  });

  it('splits a cohort across months and knows month lengths', () => {
    const calendar = cohortCalendar(schedule({ start: '2026-11-30', end: '2026-12-01', teardownAfterDays: 0 }), 2);
    expect(calendar.months).toEqual(['2026-11', '2026-12']);
    expect(calendar.days.filter((d) => d.month === '2026-11')).toHaveLength(3);
    expect(daysInMonth('2026-11')).toBe(30);
    expect(daysInMonth('2028-02')).toBe(29);
  });
});
