/** The permissions of the `ops` role the scheduled-operations workflows assume (trusted for `main` only). */
import { OPS_PREFIX } from '../bootstrap-names.ts';
import { type BootstrapPolicyContext, stateDecrypt } from './bootstrap.ts';
import { allow, type PolicyDocument, type PolicyStatement } from './policy-document.ts';

/**
 * The ops role of the scheduled jobs: read the state bucket, write the jobs' own state under `ops/`, and for each
 * job the least it needs, scoped to the cohorts' names (the org prefix) wherever the service allows.
 */
export function opsRolePolicy(ctx: BootstrapPolicyContext): PolicyDocument {
  const bucket = `arn:aws:s3:::${ctx.stateBucket}`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: bucket },
      { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${bucket}/*` },
      {
        Sid: 'WriteOpsState',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: `${bucket}/${OPS_PREFIX}*`,
      },
      // The ops state objects are encrypted with the state key, like Terraform state.
      stateDecrypt(ctx, ['kms:Decrypt', 'kms:GenerateDataKey']),
      ...alertStatements(ctx),
      ...onboardStatements(ctx),
      ...crawlStatements(ctx),
      ...costReportStatements(ctx),
      ...disasterRecoveryStatements(ctx),
      ...teardownStatements(ctx),
    ],
  };
}

/**
 * Every job alerts through its cohort's topic. The topics are encrypted with the cohort keys (alias
 * `alias/workshops/<prefix>-<cohort>`), and a publisher to an encrypted topic needs the key through SNS.
 */
function alertStatements(ctx: BootstrapPolicyContext): PolicyStatement[] {
  return [
    allow('PublishCohortAlerts', ['sns:Publish'], `arn:aws:sns:*:${ctx.accountId}:${ctx.namePrefix}-*-alerts`),
    allow('CohortKeyForAlerts', ['kms:GenerateDataKey*', 'kms:Decrypt'], `arn:aws:kms:*:${ctx.accountId}:key/*`, {
      StringLike: { 'kms:ViaService': 'sns.*.amazonaws.com' },
      'ForAnyValue:StringLike': { 'kms:ResourceAliases': `alias/workshops/${ctx.namePrefix}-*` },
    }),
  ];
}

/** `onboard`: console passwords of the cohort users (all under /workshops/) and the cohorts' SES emails. */
function onboardStatements(ctx: BootstrapPolicyContext): PolicyStatement[] {
  return [
    allow(
      'OnboardLoginProfiles',
      ['iam:GetLoginProfile', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:DeleteLoginProfile'],
      `arn:aws:iam::${ctx.accountId}:user/workshops/*`,
    ),
    allow(
      'OnboardEmails',
      ['ses:SendEmail'],
      [`arn:aws:ses:*:${ctx.accountId}:identity/*`, `arn:aws:ses:*:${ctx.accountId}:template/${ctx.namePrefix}-*`],
    ),
    // Neither action supports resource-level permissions.
    allow('OnboardAccountReads', ['iam:GetAccountPasswordPolicy', 'ses:GetSuppressedDestination'], '*'),
  ];
}

/** `crawl`: start and watch the cohorts' crawlers and read their catalog tables. */
function crawlStatements(ctx: BootstrapPolicyContext): PolicyStatement[] {
  const database = `${ctx.namePrefix.replaceAll('-', '_')}_*`;
  const glue = `arn:aws:glue:*:${ctx.accountId}`;
  return [
    allow(
      'CrawlCohortCrawlers',
      ['glue:GetCrawler', 'glue:BatchGetCrawlers', 'glue:StartCrawler'],
      `${glue}:crawler/${ctx.namePrefix}-*`,
    ),
    allow(
      'CrawlCatalogReads',
      ['glue:GetTables'],
      [`${glue}:catalog`, `${glue}:database/${database}`, `${glue}:table/${database}/*`],
    ),
    // GetCrawlerMetrics supports no resource-level permissions.
    allow('CrawlMetrics', ['glue:GetCrawlerMetrics'], '*'),
  ];
}

/** `cost-report`: spend, budgets, Athena query history, Glue job runs and bucket sizes of the cohorts. */
function costReportStatements(ctx: BootstrapPolicyContext): PolicyStatement[] {
  const a = ctx.accountId;
  const p = ctx.namePrefix;
  const database = `${p.replaceAll('-', '_')}_*`;
  const glue = `arn:aws:glue:*:${a}`;
  return [
    // Cost Explorer and CloudWatch metric reads support no resource-level permissions.
    allow('CostReads', ['ce:GetCostAndUsage', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricData'], '*'),
    allow('CohortBudgets', ['budgets:ViewBudget'], `arn:aws:budgets::${a}:budget/${p}-*-monthly`),
    allow(
      'CohortQueryHistory',
      ['athena:ListQueryExecutions', 'athena:BatchGetQueryExecution'],
      `arn:aws:athena:*:${a}:workgroup/${p}-*`,
    ),
    allow('CohortJobRuns', ['glue:GetJobRuns'], `${glue}:job/${p}-*`),
    allow(
      'CostCatalogReads',
      ['glue:GetTables'],
      [`${glue}:catalog`, `${glue}:database/${database}`, `${glue}:table/${database}/*`],
    ),
  ];
}

/**
 * `dr-audit`, `dr-drill` and `restore`: replication settings and a bounded sample of object versions on both sides,
 * the drill's canary (under `_dr-drill/` only), and restore's copies of older versions (it never deletes).
 */
function disasterRecoveryStatements(ctx: BootstrapPolicyContext): PolicyStatement[] {
  const p = ctx.namePrefix;
  const sources = [`arn:aws:s3:::${p}-*-raw`, `arn:aws:s3:::${p}-*-processed`];
  const replicas = [`arn:aws:s3:::${p}-*-raw-dr`, `arn:aws:s3:::${p}-*-processed-dr`];
  const objects = (buckets: readonly string[]) => buckets.map((b) => `${b}/*`);
  return [
    allow('ReplicationSettings', ['s3:GetReplicationConfiguration', 's3:GetBucketVersioning'], sources),
    allow(
      'ReplicaSettings',
      ['s3:GetBucketVersioning', 's3:GetEncryptionConfiguration', 's3:GetBucketPublicAccessBlock'],
      replicas,
    ),
    allow('ListSourceVersions', ['s3:ListBucketVersions'], sources),
    allow('ListCanaryReplicas', ['s3:ListBucketVersions'], `arn:aws:s3:::${p}-*-raw-dr`, {
      StringLike: { 's3:prefix': '_dr-drill/*' },
    }),
    allow('ReadVersions', ['s3:GetObjectVersion'], objects([...sources, ...replicas])),
    allow('ReadSourceVersionTags', ['s3:GetObjectVersionTagging'], objects(sources)),
    allow('RestoreVersions', ['s3:PutObject', 's3:PutObjectTagging'], objects(sources)),
    allow('DrillCanaryWrite', ['s3:PutObject'], `arn:aws:s3:::${p}-*-raw/_dr-drill/*`),
    allow(
      'DrillCanaryCleanup',
      ['s3:DeleteObjectVersion'],
      [`arn:aws:s3:::${p}-*-raw/_dr-drill/*`, `arn:aws:s3:::${p}-*-raw-dr/_dr-drill/*`],
    ),
    // Neither supports resource-level permissions.
    allow('DrAccountReads', ['cloudwatch:GetMetricData', 'tag:GetResources'], '*'),
    // Object reads and writes with checksums go through the cohort keys, via S3 only.
    allow('CohortKeysThroughS3', ['kms:Decrypt', 'kms:GenerateDataKey'], `arn:aws:kms:*:${ctx.accountId}:key/*`, {
      StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' },
      'ForAnyValue:StringLike': { 'kms:ResourceAliases': `alias/workshops/${p}-*` },
    }),
  ];
}

/** `teardown`: the security check of the teardown pull request (keys, public buckets, trail still logging). */
function teardownStatements(ctx: BootstrapPolicyContext): PolicyStatement[] {
  const a = ctx.accountId;
  const p = ctx.namePrefix;
  return [
    allow('TeardownUsers', ['iam:ListUsers', 'iam:ListAccessKeys'], `arn:aws:iam::${a}:user/workshops/*`),
    allow('TeardownBuckets', ['s3:GetBucketPolicyStatus', 's3:GetBucketPublicAccessBlock'], `arn:aws:s3:::${p}-*`),
    allow('TeardownTrail', ['cloudtrail:GetTrailStatus'], `arn:aws:cloudtrail:*:${a}:trail/${p}-*`),
  ];
}
