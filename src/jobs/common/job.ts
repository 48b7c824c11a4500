/**
 * What a scheduled job is, whichever door runs it (the CLI, an action, a test): a name and a function from the
 * loaded repository, a context and the AWS clients to a JobReport. `runCohortJob` gives every job the same frame:
 * per-cohort isolation, bounded concurrency, start and finish times.
 */
import type { AwsClientFactory, Env } from '../../aws/clients.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { Settings } from '../../cohort/settings-schema.ts';
import type { JobContext } from './job-context.ts';
import { type CohortReport, cohortReports, type JobReport } from './report.ts';
import { DEFAULT_COHORT_CONCURRENCY, runPerCohort } from './run-per-cohort.ts';

export interface JobEnvironment {
  readonly settings: Settings;
  /** The cohorts to work on (all valid ones, or the one asked for). */
  readonly cohorts: readonly ResolvedCohort[];
  readonly ctx: JobContext;
  readonly aws: AwsClientFactory;
  /** Environment variables: Slack webhook secrets, the SES sender. */
  readonly env: Env;
}

export interface JobDefinition<Options> {
  /** Lowercase, also the ops state file name (`ops/<cohort>/<name>.json`). */
  readonly name: string;
  /** Checks the options before any AWS call (a missing sender, a bad value): throws ConfigError. */
  readonly check?: (options: Options, context: { readonly env: Env; readonly dryRun: boolean }) => void;
  run(environment: JobEnvironment, options: Options): Promise<JobReport>;
}

export interface CohortJobOptions {
  readonly concurrency?: number;
  /** Job-wide notes, computed after the cohorts ran (request counts, data as-of time). */
  readonly notes?: () => readonly string[];
}

export async function runCohortJob(
  job: string,
  ctx: JobContext,
  cohorts: readonly ResolvedCohort[],
  perCohort: (cohort: ResolvedCohort) => Promise<CohortReport>,
  options: CohortJobOptions = {},
): Promise<JobReport> {
  const startedAt = ctx.now().toISOString();
  const outcomes = await runPerCohort(cohorts, perCohort, {
    concurrency: options.concurrency ?? DEFAULT_COHORT_CONCURRENCY,
    logger: ctx.logger,
  });
  return {
    job,
    startedAt,
    finishedAt: ctx.now().toISOString(),
    dryRun: ctx.dryRun,
    notes: [...(options.notes?.() ?? [])],
    cohorts: cohortReports(outcomes),
  };
}
