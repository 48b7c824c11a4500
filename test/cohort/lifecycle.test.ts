import { describe, expect, it } from 'vitest';
import { accessEnd, accessStart, teardownDue } from '../../src/cohort/lifecycle.ts';

const cohort = (start: string, end: string, timezone: string, teardownAfterDays = 3) => ({
  schedule: { start, end, timezone, teardownAfterDays },
});

describe('cohort lifecycle instants', () => {
  it('runs from the start of the first day to the end of the last, in the cohort zone', () => {
    const seoul = cohort('2026-12-07', '2026-12-09', 'Asia/Seoul');
    expect(accessStart(seoul).toISOString()).toBe('2026-12-06T15:00:00.000Z');
    expect(accessEnd(seoul).toISOString()).toBe('2026-12-09T14:59:59.999Z');
    expect(teardownDue(seoul).toISOString()).toBe('2026-12-12T14:59:59.999Z');
  });

  it('is due at the end of the local day even across a daylight-saving change', () => {
    // Ends the day New York leaves DST; three days later is a UTC-5 day.
    const ny = cohort('2026-10-30', '2026-11-01', 'America/New_York');
    expect(accessEnd(ny).toISOString()).toBe('2026-11-02T04:59:59.999Z');
    expect(teardownDue(ny).toISOString()).toBe('2026-11-05T04:59:59.999Z');
    // Ends before DST ends; due after it: the local end of day moves by an hour in UTC.
    const before = cohort('2026-10-28', '2026-10-30', 'America/New_York', 5);
    expect(accessEnd(before).toISOString()).toBe('2026-10-31T03:59:59.999Z');
    expect(teardownDue(before).toISOString()).toBe('2026-11-05T04:59:59.999Z');
  });

  it('takes date-times with offsets as the exact end, and teardown whole days later', () => {
    const timed = cohort('2026-12-07T09:00:00+09:00', '2026-12-09T18:00:00+09:00', 'UTC', 0);
    expect(accessEnd(timed).toISOString()).toBe('2026-12-09T09:00:00.000Z');
    expect(teardownDue(timed).toISOString()).toBe('2026-12-09T09:00:00.000Z');
    expect(teardownDue({ schedule: { ...timed.schedule, teardownAfterDays: 2 } }).toISOString()).toBe(
      '2026-12-11T09:00:00.000Z',
    );
  });

  it('counts teardown days across a month end', () => {
    expect(teardownDue(cohort('2026-12-28', '2026-12-30', 'UTC', 3)).toISOString()).toBe('2027-01-02T23:59:59.999Z');
  });
});
