import { describe, expect, it } from 'vitest';
import {
  addDays,
  isRealCalendarDate,
  isValidTimeZone,
  localDate,
  localTime,
  toInstant,
} from '../../src/cohort/time.ts';

const iso = (value: string, zone: string, endOfDay = false) => toInstant(value, zone, { endOfDay }).toISOString();

describe('toInstant', () => {
  it('reads a plain date as a whole day in Asia/Seoul (UTC+9, no DST)', () => {
    expect(iso('2026-12-09', 'Asia/Seoul')).toBe('2026-12-08T15:00:00.000Z');
    expect(iso('2026-12-09', 'Asia/Seoul', true)).toBe('2026-12-09T14:59:59.999Z');
  });

  it('reads plain dates in UTC as UTC days', () => {
    expect(iso('2026-12-31', 'UTC')).toBe('2026-12-31T00:00:00.000Z');
    expect(iso('2026-12-31', 'UTC', true)).toBe('2026-12-31T23:59:59.999Z');
  });

  it('follows daylight saving time in America/New_York', () => {
    // A winter day: UTC-5.
    expect(iso('2026-01-15', 'America/New_York')).toBe('2026-01-15T05:00:00.000Z');
    // A summer day: UTC-4.
    expect(iso('2026-07-15', 'America/New_York', true)).toBe('2026-07-16T03:59:59.999Z');
    // 2026-03-08: clocks go forward at 02:00, so the day starts at UTC-5 and ends at UTC-4 (23 hours).
    expect(iso('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(iso('2026-03-08', 'America/New_York', true)).toBe('2026-03-09T03:59:59.999Z');
    // 2026-11-01: clocks go back at 02:00, so the day starts at UTC-4 and ends at UTC-5 (25 hours).
    expect(iso('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(iso('2026-11-01', 'America/New_York', true)).toBe('2026-11-02T04:59:59.999Z');
  });

  it('takes a date-time with an offset as written, whatever the zone', () => {
    expect(iso('2026-12-07T09:00:00+09:00', 'America/New_York')).toBe('2026-12-07T00:00:00.000Z');
    expect(iso('2026-12-07T09:00:00+09:00', 'UTC', true)).toBe('2026-12-07T00:00:00.000Z');
  });
});

describe('calendar and zone checks', () => {
  it('knows real calendar dates', () => {
    expect(isRealCalendarDate('2026-02-28')).toBe(true);
    expect(isRealCalendarDate('2026-02-29')).toBe(false);
    expect(isRealCalendarDate('2028-02-29')).toBe(true);
    expect(isRealCalendarDate('2026-13-01')).toBe(false);
  });

  it('knows IANA time zones', () => {
    expect(isValidTimeZone('Asia/Seoul')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Nowhere')).toBe(false);
  });

  it('adds whole days of 24 hours', () => {
    expect(addDays(new Date('2026-12-09T14:59:59.999Z'), 3).toISOString()).toBe('2026-12-12T14:59:59.999Z');
  });
});

describe('localDate and localTime', () => {
  it('read an instant on the wall clock of the zone, midnight as 00:00', () => {
    const instant = new Date('2026-12-31T15:00:00Z');
    expect(localDate(instant, 'Asia/Seoul')).toBe('2027-01-01');
    expect(localTime(instant, 'Asia/Seoul')).toBe('2027-01-01 00:00 Asia/Seoul');
    expect(localTime(instant, 'America/Los_Angeles')).toBe('2026-12-31 07:00 America/Los_Angeles');
  });

  it('follow daylight saving time', () => {
    expect(localTime(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 14:00 Europe/Berlin');
    expect(localTime(new Date('2026-12-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-12-01 13:00 Europe/Berlin');
  });
});
