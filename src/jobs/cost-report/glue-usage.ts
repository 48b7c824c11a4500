/**
 * Glue ETL spend per job (the base job and each student's copy): DPU-hours and cost of the month's runs, and advice
 * when an ETL entry's runs used far fewer workers than its `maxWorkers` ceiling. Auto-scaling runs report
 * `DPUSeconds` (the worker time actually used); other runs are billed for all their workers for the whole run, with
 * Glue's 1-minute minimum.
 */
import type { JobRunHistory, JobRunSummary } from '../../aws/glue-job-runs.ts';
import { ETL_MINIMUM_MINUTES, WORKER_DPU } from '../../cost/compute-usage.ts';
import { formatNumber } from '../../cost/format.ts';

/** DPUs per worker, beyond the types a cohort file may choose (a job edited by hand may use others). */
const DPU_PER_WORKER: Readonly<Record<string, number>> = { ...WORKER_DPU, 'G.4X': 4, 'G.8X': 8, 'Z.2X': 2 };
/** A job "ran well below" its ceiling when even its busiest run averaged at most this share of it. */
export const UNDERUSED_SHARE = 0.5;
/** The smallest `maxWorkers` a cohort file allows. */
const MIN_WORKERS = 2;

export interface JobUsage {
  readonly job: string;
  /** The cohort file's ETL entry. */
  readonly etl: string;
  /** "shared" for the base job, else the student id. */
  readonly owner: string;
  readonly runs: number;
  readonly dpuHours: number;
  readonly costUsd: number;
  /** The job does not exist (not applied yet). */
  readonly missing: boolean;
  readonly truncated: boolean;
}

export interface WorkerAdvice {
  readonly etl: string;
  readonly maxWorkers: number;
  /** Workers in use over all auto-scaled runs, weighted by run time. */
  readonly averageWorkers: number;
  /** The highest per-run average. */
  readonly busiestRunWorkers: number;
  readonly suggestedMaxWorkers: number;
  readonly message: string;
}

function dpuPerWorker(run: JobRunSummary, fallbackType: string): number {
  return DPU_PER_WORKER[run.workerType ?? fallbackType] ?? 1;
}

export function runDpuHours(run: JobRunSummary, fallbackType: string): number {
  if (run.dpuSeconds !== undefined) return run.dpuSeconds / 3600;
  const seconds = Math.max(run.executionSeconds, ETL_MINIMUM_MINUTES * 60);
  const dpus =
    run.numberOfWorkers !== undefined ? run.numberOfWorkers * dpuPerWorker(run, fallbackType) : (run.maxCapacity ?? 0);
  return (seconds * dpus) / 3600;
}

/** Average workers in use during an auto-scaled run, or undefined when Glue did not report it. */
export function workersUsed(run: JobRunSummary, fallbackType: string): number | undefined {
  if (run.dpuSeconds === undefined || run.executionSeconds <= 0) return undefined;
  return run.dpuSeconds / (run.executionSeconds * dpuPerWorker(run, fallbackType));
}

export function jobUsage(
  job: { readonly name: string; readonly etl: string; readonly owner: string; readonly workerType: string },
  history: JobRunHistory,
  usdPerDpuHour: number,
): JobUsage {
  const dpuHours = history.runs.reduce((sum, run) => sum + runDpuHours(run, job.workerType), 0);
  return {
    job: job.name,
    etl: job.etl,
    owner: job.owner,
    runs: history.runs.length,
    dpuHours,
    costUsd: dpuHours * usdPerDpuHour,
    missing: history.missing,
    truncated: history.truncated,
  };
}

/** Advice for one ETL entry from the runs of all its copies; undefined when its ceiling fits. */
export function workerAdvice(
  entry: { readonly name: string; readonly maxWorkers: number; readonly workerType: string },
  runs: readonly JobRunSummary[],
): WorkerAdvice | undefined {
  let used = 0;
  let capacity = 0;
  let busiest = 0;
  for (const run of runs) {
    const workers = workersUsed(run, entry.workerType);
    if (workers === undefined) continue;
    used += run.dpuSeconds ?? 0;
    capacity += run.executionSeconds * dpuPerWorker(run, entry.workerType);
    busiest = Math.max(busiest, workers);
  }
  if (capacity === 0 || entry.maxWorkers <= MIN_WORKERS || busiest > entry.maxWorkers * UNDERUSED_SHARE) {
    return undefined;
  }
  // A quarter of headroom over the busiest run's average: a run's peak is above its average.
  const suggested = Math.max(MIN_WORKERS, Math.ceil(busiest * 1.25));
  if (suggested >= entry.maxWorkers) return undefined;
  const averageWorkers = used / capacity;
  return {
    etl: entry.name,
    maxWorkers: entry.maxWorkers,
    averageWorkers,
    busiestRunWorkers: busiest,
    suggestedMaxWorkers: suggested,
    message: `ETL ${entry.name} used ${formatNumber(averageWorkers)} workers on average (${formatNumber(busiest)} in its busiest run) of maxWorkers ${entry.maxWorkers}: set maxWorkers: ${suggested} in the cohort file; a lower ceiling caps what a runaway run can cost`,
  };
}
