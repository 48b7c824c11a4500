/**
 * Everything the teardown job reads and changes, as interfaces: in-memory fakes in tests, SDK adapters (and the
 * GitHub REST client) in production. Region-bound services take the region: a bucket is emptied through the client
 * of the bucket's own region.
 */
import type { TrailStatusApi } from '../../aws/cloudtrail-status.ts';
import type { IamUserCredentialsApi } from '../../aws/iam-user-credentials.ts';
import type { LeftoverDeleteApi } from '../../aws/leftover-deletion.ts';
import type { S3Api } from '../../aws/s3.ts';
import type { S3BucketTagsApi } from '../../aws/s3-bucket-tags.ts';
import type { S3BucketSettingsApi } from '../../aws/s3-replication.ts';
import type { S3VersionDeleteApi } from '../../aws/s3-version-delete.ts';
import type { S3VersionsApi } from '../../aws/s3-versions.ts';
import type { TaggedResourcesApi } from '../../aws/tagged-resources.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { Git } from '../../github/git.ts';
import type { TeardownRepoApi } from '../../github/teardown-pr.ts';
import type { TitledIssuesApi } from '../../github/titled-issue.ts';
import type { AlertSink } from '../common/alerts.ts';
import type { Sleep } from '../common/job-context.ts';
import type { OpsStateStore } from '../common/ops-state.ts';

/** The final cost report of one cohort as Markdown of at most `maxChars` characters. */
export type FinalCostReport = (cohort: ResolvedCohort, maxChars: number) => Promise<string>;

export interface TeardownGitHub {
  readonly issues: TitledIssuesApi;
  readonly repo: TeardownRepoApi;
}

export interface TeardownApis {
  readonly accountId: string;
  readonly namePrefix: string;
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
  /** Users under an IAM path (`/workshops/<id>/`). */
  userNames(pathPrefix: string): Promise<string[]>;
  readonly credentials: IamUserCredentialsApi;
  bucketTags(region: string): S3BucketTagsApi;
  bucketSettings(region: string): S3BucketSettingsApi;
  versions(region: string): S3VersionsApi;
  deletes(region: string): S3VersionDeleteApi;
  trail(region: string): TrailStatusApi;
  tagged(region: string): TaggedResourcesApi;
  leftovers(region: string): LeftoverDeleteApi;
  /** The state bucket, where final reports are archived under `ops/reports/<id>/`. */
  readonly reports: { readonly s3: S3Api; readonly bucket: string };
  readonly costReport: FinalCostReport;
  /** Absent without a GitHub token: no tracking issue, no comment, no pull request. */
  readonly github?: TeardownGitHub;
  /** git in the repository checkout: where "is the cohort file still on main?" is answered. */
  readonly git: Git;
  readonly sleep: Sleep;
}
