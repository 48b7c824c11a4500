/**
 * Runs a job's work for each cohort on its own: a cohort's failure (an exception, however deep) is caught and
 * recorded, and the other cohorts still run; at most `concurrency` cohorts at a time.
 */
import { describeError } from '../../aws/errors.ts';
import { mapLimit } from './limit.ts';
import type { Logger } from './logger.ts';

export const DEFAULT_COHORT_CONCURRENCY = 4;

export type CohortOutcome<T> =
  | { readonly cohortId: string; readonly ok: true; readonly result: T }
  | { readonly cohortId: string; readonly ok: false; readonly error: string };

export interface RunPerCohortOptions {
  readonly concurrency?: number;
  /** Told about each failure (redacted), so it shows in the log as it happens. */
  readonly logger?: Logger;
}

export async function runPerCohort<C extends { readonly id: string }, T>(
  cohorts: readonly C[],
  fn: (cohort: C) => Promise<T>,
  options: RunPerCohortOptions = {},
): Promise<CohortOutcome<T>[]> {
  const { concurrency = DEFAULT_COHORT_CONCURRENCY, logger } = options;
  return mapLimit(cohorts, concurrency, async (cohort): Promise<CohortOutcome<T>> => {
    try {
      return { cohortId: cohort.id, ok: true, result: await fn(cohort) };
    } catch (error) {
      const message = describeError(error);
      logger?.error(`${cohort.id}: ${message}`);
      return { cohortId: cohort.id, ok: false, error: logger === undefined ? message : logger.redact(message) };
    }
  });
}
