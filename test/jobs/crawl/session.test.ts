import { describe, expect, it } from 'vitest';
import { crawlWindow, inCrawlWindow } from '../../../src/jobs/crawl/session.ts';

const cohort = (start: string, end: string, timezone: string) => ({
  schedule: { start, end, timezone, teardownAfterDays: 3 },
});

describe('crawlWindow', () => {
  it('opens at the start of the local day before the first day, and closes at the end of the last', () => {
    const seoul = cohort('2026-12-07', '2026-12-09', 'Asia/Seoul');
    expect(crawlWindow(seoul)).toEqual({
      from: new Date('2026-12-05T15:00:00.000Z'),
      to: new Date('2026-12-09T14:59:59.999Z'),
    });
    expect(inCrawlWindow(seoul, new Date('2026-12-05T14:59:59.999Z'))).toBe(false);
    expect(inCrawlWindow(seoul, new Date('2026-12-05T15:00:00.000Z'))).toBe(true);
    expect(inCrawlWindow(seoul, new Date('2026-12-09T15:00:00.000Z'))).toBe(false);
  });

  it.each([
    // The day before holds a daylight-saving change: still local midnight, not 24 hours earlier.
    ['America/New_York', '2026-11-02', '2026-11-01T04:00:00.000Z'],
    ['Europe/Berlin', '2026-10-26', '2026-10-24T22:00:00.000Z'],
    ['America/New_York', '2026-03-09', '2026-03-08T05:00:00.000Z'],
  ])('opens at local midnight of the day before across DST in %s (start %s)', (zone, start, from) => {
    expect(crawlWindow(cohort(start, start, zone)).from).toEqual(new Date(from));
  });

  it('moves a start written with an offset by 24 hours', () => {
    expect(crawlWindow(cohort('2026-12-07T09:00:00+09:00', '2026-12-09', 'Asia/Seoul')).from).toEqual(
      new Date('2026-12-06T00:00:00.000Z'),
    );
  });
});
