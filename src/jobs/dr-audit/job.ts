/** The `dr-audit` job over the selected cohorts. */
import { replicationMetricsApi } from '../../aws/cloudwatch-replication.ts';
import { s3BucketSettingsApi } from '../../aws/s3-replication.ts';
import { s3VersionsApi } from '../../aws/s3-versions.ts';
import { taggedResourcesApi } from '../../aws/tagged-resources.ts';
import type { WebhookPost } from '../common/alerts.ts';
import { type JobDefinition, runCohortJob } from '../common/job.ts';
import { opsServices } from '../common/ops-services.ts';
import { DR_AUDIT_JOB, type DrAuditDeps, drAuditCohort } from './dr-audit.ts';
import { DEFAULT_SAMPLE_LIMITS, type SampleLimits } from './replication-sample.ts';

export interface DrAuditOptions {
  /** Objects checked per bucket (default 50). */
  readonly sampleSize?: number;
  /** `ListObjectVersions` pages read per bucket to find the newest objects (default 5, 1,000 versions each). */
  readonly maxListPages?: number;
  readonly post?: WebhookPost;
}

export const MAX_SAMPLE_SIZE = 1000;
export const MAX_LIST_PAGES = 100;

export const drAuditJob: JobDefinition<DrAuditOptions> = {
  name: DR_AUDIT_JOB,
  async run(environment, options) {
    const { settings, ctx, aws, env } = environment;
    const ops = opsServices(settings, aws, env, ctx.logger, options.post);
    const limits: SampleLimits = {
      ...DEFAULT_SAMPLE_LIMITS,
      ...(options.sampleSize === undefined ? {} : { sampleSize: options.sampleSize }),
      ...(options.maxListPages === undefined ? {} : { maxListPages: options.maxListPages }),
    };
    const deps: DrAuditDeps = {
      bucketSettings: (region) => s3BucketSettingsApi(aws.client('s3', region)),
      versions: (region) => s3VersionsApi(aws.client('s3', region)),
      metrics: (region) => replicationMetricsApi(aws.client('cloudwatch', region)),
      tagged: (region) => taggedResourcesApi(aws.client('resourceGroupsTagging', region)),
      state: ops.state,
      alerts: ops.alerts,
      accountId: ops.accountId,
      namePrefix: settings.namePrefix,
      limits,
    };
    return runCohortJob(DR_AUDIT_JOB, ctx, environment.cohorts, (cohort) => drAuditCohort(cohort, deps, ctx));
  },
};
