import { describe, expect, it } from 'vitest';
import type { JobRunSummary } from '../../../src/aws/glue-job-runs.ts';
import { jobUsage, runDpuHours, workerAdvice, workersUsed } from '../../../src/jobs/cost-report/glue-usage.ts';

const runOf = (over: Partial<JobRunSummary>): JobRunSummary => ({
  jobName: 'j',
  id: 'r',
  state: 'SUCCEEDED',
  executionSeconds: 600,
  ...over,
});

describe('runDpuHours', () => {
  it('uses DPUSeconds when Glue reports it (auto-scaling)', () => {
    expect(runDpuHours(runOf({ dpuSeconds: 7200, numberOfWorkers: 10 }), 'G.1X')).toBe(2);
  });

  it('bills all workers for the whole run otherwise, by worker type', () => {
    expect(runDpuHours(runOf({ executionSeconds: 1800, numberOfWorkers: 4, workerType: 'G.2X' }), 'G.1X')).toBe(4);
    expect(runDpuHours(runOf({ executionSeconds: 3600, numberOfWorkers: 4 }), 'G.025X')).toBe(1);
  });

  it('applies the one-minute minimum', () => {
    expect(runDpuHours(runOf({ executionSeconds: 5, numberOfWorkers: 2, workerType: 'G.1X' }), 'G.1X')).toBe(
      (60 * 2) / 3600,
    );
  });

  it('falls back to MaxCapacity for runs without workers', () => {
    expect(runDpuHours(runOf({ executionSeconds: 3600, maxCapacity: 10 }), 'G.1X')).toBe(10);
  });
});

describe('workersUsed', () => {
  it('divides the DPU time by the run time and the DPUs per worker', () => {
    expect(workersUsed(runOf({ executionSeconds: 100, dpuSeconds: 400, workerType: 'G.2X' }), 'G.1X')).toBe(2);
    expect(workersUsed(runOf({ executionSeconds: 100 }), 'G.1X')).toBeUndefined();
  });
});

describe('workerAdvice', () => {
  const entry = { name: 'clean', maxWorkers: 10, workerType: 'G.1X' };

  it('suggests a ceiling a quarter above the busiest run when every run stayed at half or less', () => {
    const advice = workerAdvice(entry, [
      runOf({ executionSeconds: 100, dpuSeconds: 200 }),
      runOf({ executionSeconds: 300, dpuSeconds: 1200 }),
    ]);
    expect(advice).toMatchObject({ etl: 'clean', averageWorkers: 3.5, busiestRunWorkers: 4, suggestedMaxWorkers: 5 });
    expect(advice?.message).toBe(
      'ETL clean used 3.5 workers on average (4 in its busiest run) of maxWorkers 10: set maxWorkers: 5 in the cohort file; a lower ceiling caps what a runaway run can cost',
    );
  });

  it('says nothing when a run used more than half the ceiling', () => {
    expect(workerAdvice(entry, [runOf({ executionSeconds: 100, dpuSeconds: 600 })])).toBeUndefined();
  });

  it('says nothing without auto-scaling figures, or at the smallest ceiling', () => {
    expect(workerAdvice(entry, [runOf({ numberOfWorkers: 10 })])).toBeUndefined();
    expect(
      workerAdvice({ ...entry, maxWorkers: 2 }, [runOf({ executionSeconds: 100, dpuSeconds: 10 })]),
    ).toBeUndefined();
  });
});

it('adds up the runs of a job with its price', () => {
  const usage = jobUsage(
    { name: 'ws-clean', etl: 'clean', owner: 'shared', workerType: 'G.1X' },
    { runs: [runOf({ dpuSeconds: 3600 }), runOf({ dpuSeconds: 1800 })], truncated: false, missing: false },
    0.44,
  );
  expect(usage).toEqual({
    job: 'ws-clean',
    etl: 'clean',
    owner: 'shared',
    runs: 2,
    dpuHours: 1.5,
    costUsd: 1.5 * 0.44,
    missing: false,
    truncated: false,
  });
});
