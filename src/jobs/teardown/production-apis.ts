/** The teardown job's interfaces over the shared client factory, the ops services, git and the GitHub REST client. */

import type { AwsClientFactory, Env } from '../../aws/clients.ts';
import { cloudTrailStatusApi } from '../../aws/cloudtrail-status.ts';
import { iamAccountApi } from '../../aws/iam-account.ts';
import { iamUserCredentialsApi } from '../../aws/iam-user-credentials.ts';
import { leftoverDeleteApi } from '../../aws/leftover-deletion.ts';
import { s3Api } from '../../aws/s3.ts';
import { s3BucketTagsApi } from '../../aws/s3-bucket-tags.ts';
import { s3BucketSettingsApi } from '../../aws/s3-replication.ts';
import { s3VersionDeleteApi } from '../../aws/s3-version-delete.ts';
import { s3VersionsApi } from '../../aws/s3-versions.ts';
import { taggedResourcesApi } from '../../aws/tagged-resources.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { Settings } from '../../cohort/settings-schema.ts';
import { gitIn } from '../../github/git.ts';
import type { GitHubRest } from '../../github/github-rest.ts';
import { restTeardownRepo } from '../../github/teardown-pr.ts';
import { restTitledIssues } from '../../github/titled-issue.ts';
import type { WebhookPost } from '../common/alerts.ts';
import { type JobContext, realSleep, type Sleep } from '../common/job-context.ts';
import { opsServices } from '../common/ops-services.ts';
import { loadPriceTable } from '../cost-report/price-file.ts';
import type { TeardownApis } from './apis.ts';
import { finalCostReport, unavailableCost } from './final-cost-report.ts';

export interface TeardownWiring {
  readonly root: string;
  readonly settings: Settings;
  readonly aws: AwsClientFactory;
  readonly env: Env;
  readonly ctx: JobContext;
  readonly github?: { readonly rest: GitHubRest; readonly author: string };
  readonly sleep?: Sleep;
  readonly post?: WebhookPost;
}

export function teardownApis(wiring: TeardownWiring): TeardownApis {
  const { aws, settings, env, ctx } = wiring;
  const services = opsServices(settings, aws, env, ctx.logger, wiring.post);
  const s3 = (region: string) => aws.client('s3', region);
  const cost = (cohort: ResolvedCohort, maxChars: number) => {
    let prices: ReturnType<typeof loadPriceTable>;
    try {
      prices = loadPriceTable(wiring.root);
    } catch (error) {
      return Promise.resolve(unavailableCost(cohort.id, error));
    }
    return finalCostReport(aws, services, settings.namePrefix, prices, ctx)(cohort, maxChars);
  };
  const github = wiring.github;
  const apis: TeardownApis = {
    accountId: services.accountId,
    namePrefix: settings.namePrefix,
    state: services.state,
    alerts: services.alerts,
    userNames: (pathPrefix) => iamAccountApi(aws.client('iam', settings.state.region)).userNames(pathPrefix),
    credentials: iamUserCredentialsApi(aws.client('iam', settings.state.region)),
    bucketTags: (region) => s3BucketTagsApi(s3(region)),
    bucketSettings: (region) => s3BucketSettingsApi(s3(region)),
    versions: (region) => s3VersionsApi(s3(region)),
    deletes: (region) => s3VersionDeleteApi(s3(region)),
    trail: (region) => cloudTrailStatusApi(aws.client('cloudtrail', region)),
    tagged: (region) => taggedResourcesApi(aws.client('resourceGroupsTagging', region)),
    leftovers: (region) =>
      leftoverDeleteApi({
        sns: aws.client('sns', region),
        glue: aws.client('glue', region),
        athena: aws.client('athena', region),
        cloudwatch: aws.client('cloudwatch', region),
      }),
    reports: { s3: s3Api(s3(settings.state.region)), bucket: settings.state.bucket },
    costReport: cost,
    ...(github === undefined
      ? {}
      : {
          github: {
            issues: restTitledIssues(github.rest, { repository: settings.github.repository, author: github.author }),
            repo: restTeardownRepo(github.rest, settings.github.repository),
          },
        }),
    git: gitIn(wiring.root),
    sleep: wiring.sleep ?? realSleep,
  };
  return apis;
}
