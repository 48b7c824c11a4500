/**
 * The `teardown` job, in three modes:
 * - `lifecycle` (daily): status of every cohort, the notices to its instructors, the teardown pull request once due;
 * - `destroy-prep` (the apply workflow, before `terraform destroy` of a removed cohort): archive the final report,
 *   remove console passwords, empty the buckets;
 * - `leftovers` (the apply workflow, after the destroy): list what still carries the cohort's tag; `sweep` deletes
 *   what carries both tags.
 * It is a dry run unless `apply` is set: nothing is sent, opened, written or deleted without it.
 */

import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { GitHubRest } from '../../github/github-rest.ts';
import { listIssues, type TitledIssue } from '../../github/titled-issue.ts';
import type { WebhookPost } from '../common/alerts.ts';
import { ConfigError } from '../common/config-error.ts';
import { type JobDefinition, type JobEnvironment, runCohortJob } from '../common/job.ts';
import type { JobContext, Sleep } from '../common/job-context.ts';
import type { JobReport } from '../common/report.ts';
import type { TeardownApis } from './apis.ts';
import { destroyPrep } from './destroy-prep.ts';
import { leftoversCohort } from './leftovers.ts';
import { lifecycleCohort, TEARDOWN_JOB } from './lifecycle.ts';
import { teardownApis } from './production-apis.ts';
import { cohortIdProblem } from './safety.ts';

export const TEARDOWN_MODES = ['lifecycle', 'destroy-prep', 'leftovers'] as const;
export type TeardownMode = (typeof TEARDOWN_MODES)[number];

export interface TeardownOptions {
  readonly mode: TeardownMode;
  /** Without it the job is a dry run, whatever else is set. */
  readonly apply: boolean;
  /** Leftovers mode: delete the leftovers that carry both tags. */
  readonly sweep: boolean;
  /** The cohort asked for: required by destroy-prep and leftovers. */
  readonly cohortId?: string;
  /** Repository root: git runs there (is the cohort file still on main?), the price table is read from there. */
  readonly root: string;
  /** GitHub access for the lifecycle's issue and pull request; absent: both are skipped. */
  readonly github?: { readonly rest: GitHubRest; readonly author: string };
  readonly sleep?: Sleep;
  readonly post?: WebhookPost;
  /** Only for tests: replaces the production interfaces (fakes). */
  readonly apis?: (production: () => TeardownApis) => TeardownApis;
}

/** One cohort at a time for the destructive modes: their report reads as a log, and AWS is spared bursts. */
const DESTRUCTIVE_CONCURRENCY = 1;

export function checkTeardownOptions(options: TeardownOptions): void {
  if (options.mode !== 'lifecycle') {
    const problem = cohortIdProblem(options.cohortId);
    if (problem !== undefined) throw new ConfigError(`${options.mode}: ${problem}.`);
  }
  if (options.sweep && options.mode !== 'leftovers') {
    throw new ConfigError('--sweep only goes with --leftovers: it deletes what the leftovers check lists.');
  }
}

/** Runs one mode over the cohorts with the interfaces given. */
function runMode(
  environment: JobEnvironment,
  options: TeardownOptions,
  apis: TeardownApis,
  ctx: JobContext,
): Promise<JobReport> {
  if (options.mode === 'lifecycle') {
    let listing: Promise<TitledIssue[]> | undefined;
    const issues = () => {
      listing ??= apis.github === undefined ? Promise.resolve([]) : listIssues(apis.github.issues);
      return listing;
    };
    const notes = [
      ...(apis.github === undefined
        ? ['No GitHub token: no tracking issue comment and no teardown pull request.']
        : []),
      ...(ctx.dryRun ? ['Dry run (no --apply): nothing was sent, opened or written.'] : []),
    ];
    const perCohort = (cohort: ResolvedCohort) => lifecycleCohort(cohort, { apis, ctx, issues });
    // Pull requests and issues in bursts trip GitHub's secondary rate limits.
    return runCohortJob(TEARDOWN_JOB, ctx, environment.cohorts, perCohort, { concurrency: 2, notes: () => notes });
  }
  // The destructive modes work on exactly the cohort named, never on a selection.
  const cohorts = environment.cohorts.filter((c) => c.id === options.cohortId);
  if (cohorts.length !== 1) throw new ConfigError(`${options.mode} needs exactly one cohort: --cohort ID.`);
  const notes = ctx.dryRun ? ['Dry run (no --apply): nothing was archived or deleted.'] : [];
  const perCohort =
    options.mode === 'destroy-prep'
      ? (cohort: ResolvedCohort) => destroyPrep(cohort, apis, ctx)
      : (cohort: ResolvedCohort) => leftoversCohort(cohort, apis, ctx, options.sweep);
  return runCohortJob(TEARDOWN_JOB, ctx, cohorts, perCohort, {
    concurrency: DESTRUCTIVE_CONCURRENCY,
    notes: () => notes,
  });
}

export const teardownJob: JobDefinition<TeardownOptions> = {
  name: TEARDOWN_JOB,
  check: (options) => checkTeardownOptions(options),
  async run(environment, options) {
    checkTeardownOptions(options);
    const { settings, aws, env } = environment;
    const ctx = { ...environment.ctx, dryRun: environment.ctx.dryRun || !options.apply };
    let wired: TeardownApis | undefined;
    const production = () => {
      wired ??= teardownApis({
        root: options.root,
        settings,
        aws,
        env,
        ctx,
        ...(options.github === undefined ? {} : { github: options.github }),
        ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
        ...(options.post === undefined ? {} : { post: options.post }),
      });
      return wired;
    };
    const apis = options.apis === undefined ? production() : options.apis(production);
    return await runMode(environment, options, apis, ctx);
  },
};
