import { describe, expect, it } from 'vitest';
import { runPerCohort } from '../../../src/jobs/common/run-per-cohort.ts';
import { captureLogger } from './fakes.ts';

describe('runPerCohort', () => {
  it("records one cohort's failure and still runs the others", async () => {
    const { logger, lines } = captureLogger();
    const ran: string[] = [];
    const outcomes = await runPerCohort(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      async (c) => {
        ran.push(c.id);
        if (c.id === 'b') throw Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
        return c.id.toUpperCase();
      },
      { concurrency: 1, logger },
    );
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(outcomes).toEqual([
      { cohortId: 'a', ok: true, result: 'A' },
      { cohortId: 'b', ok: false, error: 'AccessDeniedException: User is not authorized' },
      { cohortId: 'c', ok: true, result: 'C' },
    ]);
    expect(lines).toEqual([{ level: 'error', line: 'b: AccessDeniedException: User is not authorized' }]);
  });

  it('runs at most `concurrency` cohorts at a time', async () => {
    let active = 0;
    let peak = 0;
    const cohorts = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}` }));
    await runPerCohort(
      cohorts,
      async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active -= 1;
      },
      { concurrency: 4 },
    );
    expect(peak).toBe(4);
  });

  it('redacts secrets from the recorded error', async () => {
    const { logger } = captureLogger();
    logger.mask('hunter2-secret');
    const [outcome] = await runPerCohort([{ id: 'a' }], async () => Promise.reject(new Error('bad hunter2-secret')), {
      logger,
    });
    expect(outcome).toEqual({ cohortId: 'a', ok: false, error: 'bad ***' });
  });
});
