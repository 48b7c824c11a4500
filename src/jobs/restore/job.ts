/** The `restore` job: one cohort (the CLI and the workflow require --cohort), checked before anything is read. */
import { s3VersionCopyApi } from '../../aws/s3-version-copy.ts';
import { s3VersionsApi } from '../../aws/s3-versions.ts';
import { ConfigError } from '../common/config-error.ts';
import { type JobDefinition, runCohortJob } from '../common/job.ts';
import {
  checkNotFuture,
  checkScope,
  RESTORE_JOB,
  type RestoreDeps,
  type RestoreRequest,
  restoreCohort,
} from './restore.ts';

export type RestoreOptions = RestoreRequest;

export const restoreJob: JobDefinition<RestoreOptions> = {
  name: RESTORE_JOB,
  check: (options) => checkScope(options),
  async run(environment, options) {
    const { settings, ctx, aws, cohorts } = environment;
    if (cohorts.length !== 1) throw new ConfigError('restore works on one cohort at a time: pass --cohort ID');
    checkScope(options);
    checkNotFuture(options, ctx.now());
    const deps: RestoreDeps = {
      versions: (region) => s3VersionsApi(aws.client('s3', region)),
      copy: (region) => s3VersionCopyApi(aws.client('s3', region)),
      namePrefix: settings.namePrefix,
    };
    // One cohort, so one at a time; the copies inside are bounded on their own.
    return runCohortJob(RESTORE_JOB, ctx, cohorts, (cohort) => restoreCohort(cohort, options, deps, ctx), {
      concurrency: 1,
    });
  },
};
