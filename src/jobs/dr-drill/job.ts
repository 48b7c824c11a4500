/** The `dr-drill` job over the selected cohorts. */
import { s3CanaryApi } from '../../aws/s3-canary.ts';
import { s3VersionDeleteApi } from '../../aws/s3-version-delete.ts';
import { s3VersionsApi } from '../../aws/s3-versions.ts';
import type { WebhookPost } from '../common/alerts.ts';
import { type JobDefinition, runCohortJob } from '../common/job.ts';
import { realSleep, type Sleep } from '../common/job-context.ts';
import { opsServices } from '../common/ops-services.ts';
import { type RandomId, randomCanaryId } from './canary.ts';
import { DR_DRILL_JOB, type DrDrillDeps, drDrillCohort } from './dr-drill.ts';
import { DEFAULT_POLL, type PollOptions } from './wait-for-replica.ts';

export interface DrDrillOptions {
  /** How long to wait for the canary in the replica, in milliseconds (default 30 minutes). */
  readonly timeoutMs?: number;
  readonly poll?: Partial<PollOptions>;
  readonly sleep?: Sleep;
  readonly randomId?: RandomId;
  readonly post?: WebhookPost;
}

/**
 * The longest wait a drill may be given: the workflow's ops-role session lasts an hour (the role's default maximum),
 * and the cleanup after the wait needs the session too.
 */
export const MAX_TIMEOUT_MINUTES = 45;

export const drDrillJob: JobDefinition<DrDrillOptions> = {
  name: DR_DRILL_JOB,
  async run(environment, options) {
    const { settings, ctx, aws, env } = environment;
    const ops = opsServices(settings, aws, env, ctx.logger, options.post);
    const deps: DrDrillDeps = {
      versions: (region) => s3VersionsApi(aws.client('s3', region)),
      canary: (region) => s3CanaryApi(aws.client('s3', region)),
      delete: (region) => s3VersionDeleteApi(aws.client('s3', region)),
      state: ops.state,
      alerts: ops.alerts,
      accountId: ops.accountId,
      namePrefix: settings.namePrefix,
      sleep: options.sleep ?? realSleep,
      poll: {
        ...DEFAULT_POLL,
        ...options.poll,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      },
      randomId: options.randomId ?? randomCanaryId,
    };
    return runCohortJob(DR_DRILL_JOB, ctx, environment.cohorts, (cohort) => drDrillCohort(cohort, deps, ctx));
  },
};
