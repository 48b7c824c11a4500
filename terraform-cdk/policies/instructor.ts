/**
 * The cohort's instructor role. Instructors are IAM principals of the account (users, or roles such as IAM
 * Identity Center ones) tagged `workshop:instructs:<cohort id>` = `true`; they assume this role for at most 4 hours
 * (the role's max session duration) and manage their cohort only.
 */
import {
  ACCOUNT_READS,
  ATHENA_QUERY_ACTIONS,
  GLUE_CATALOG_READS,
  GLUE_JOB_RUN_ACTIONS,
  GLUE_TABLE_WRITES,
  OBSERVABILITY_READS,
} from './actions.ts';
import {
  accountRootArn,
  budgetArn,
  cohortCatalogArns,
  cohortKeyArns,
  cohortLogGroupArns,
  cohortRegions,
  cohortTagCondition,
  cohortUsersArn,
  cohortWorkgroupArns,
  dashboardArn,
  iamArn,
  objectsArn,
  replicaBucketNames,
  resultsBucketNames,
  roleArn,
  studentsGroupArn,
  taggedGlueArns,
  topicArn,
  viaService,
} from './arns.ts';
import {
  allow,
  bucketArn,
  type ConditionBlock,
  type PolicyContext,
  type PolicyDocument,
  policyDocument,
} from './policy-document.ts';

/** Longest instructor session, in seconds: set as the role's `max_session_duration`. */
export const INSTRUCTOR_MAX_SESSION_SECONDS = 4 * 60 * 60;

/** Tag that marks an IAM principal as an instructor of one cohort (value `true`). */
export function instructorTagKey(cohortId: string): string {
  return `workshop:instructs:${cohortId}`;
}

export function instructorTrust(ctx: PolicyContext): PolicyDocument {
  const condition: ConditionBlock = {
    StringEquals: { [`aws:PrincipalTag/${instructorTagKey(ctx.cohort.id)}`]: 'true' },
    // Students of any cohort live under /workshops/: none of them may ever become an instructor.
    ArnNotLike: { 'aws:PrincipalArn': iamArn(ctx, 'user/workshops/*') },
  };
  if (ctx.cohort.security.requireMfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
  return policyDocument({
    Sid: 'TaggedInstructorsAssume',
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(ctx) },
    // SetSourceIdentity lets CloudTrail name the person behind each instructor session.
    Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
    Condition: condition,
  });
}

export function instructorPolicy(ctx: PolicyContext): PolicyDocument {
  const n = ctx.names;
  // With failover, the backup region's results bucket too; the replicas are read-only (replication writes them).
  const dataBuckets = [n.bucket('raw'), n.bucket('processed'), ...resultsBucketNames(ctx)];
  const replicas = replicaBucketNames(ctx);
  const readObjects = ['s3:GetObject', 's3:GetObjectVersion'];
  // Each bucket and object ARN is listed once (the policy must stay within 6,144 characters with failover).
  return policyDocument(
    allow('AccountLevelReads', [...ACCOUNT_READS, ...OBSERVABILITY_READS], '*'),
    allow(
      'ListCohortBuckets',
      ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketVersions'],
      [...dataBuckets, ...replicas].map(bucketArn),
    ),
    allow(
      'ReadWriteCohortData',
      [...readObjects, 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      dataBuckets.map((b) => objectsArn(b)),
    ),
    replicas.length > 0 &&
      allow(
        'ReadReplicas',
        readObjects,
        replicas.map((b) => objectsArn(b)),
      ),
    allow('ManageCohortCatalog', [...GLUE_CATALOG_READS, ...GLUE_TABLE_WRITES], cohortCatalogArns(ctx)),
    // Jobs are run, stopped and updated, never created or deleted: Terraform owns their existence.
    allow(
      'RunCohortCrawlersJobsTriggers',
      [
        'glue:GetCrawler',
        'glue:StartCrawler',
        'glue:StopCrawler',
        'glue:UpdateCrawler',
        ...GLUE_JOB_RUN_ACTIONS,
        'glue:UpdateJob',
        'glue:GetTrigger',
        'glue:StartTrigger',
        'glue:StopTrigger',
        'glue:UpdateTrigger',
      ],
      taggedGlueArns(ctx, ['crawler', 'job', 'trigger']),
      cohortTagCondition(ctx),
    ),
    // UpdateJob and UpdateCrawler pass the role again.
    allow('PassGlueRoleToGlue', ['iam:PassRole'], roleArn(ctx, 'glue'), {
      StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' },
    }),
    allow('QueryInCohortWorkgroups', ATHENA_QUERY_ACTIONS, cohortWorkgroupArns(ctx)),
    allow('UseCohortKeysThroughS3', ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], cohortKeyArns(ctx), {
      StringEquals: { 'kms:ViaService': viaService('s3', cohortRegions(ctx)) },
    }),
    allow(
      'ResetStudentPasswords',
      [
        'iam:GetUser',
        'iam:GetLoginProfile',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:ListGroupsForUser',
        'iam:ListMFADevices',
        'iam:GetGroup',
      ],
      [cohortUsersArn(ctx), studentsGroupArn(ctx)],
    ),
    allow(
      'ReadCohortLogs',
      [
        'logs:DescribeLogStreams',
        'logs:GetLogEvents',
        'logs:FilterLogEvents',
        'logs:StartQuery',
        'logs:GetQueryResults',
      ],
      cohortLogGroupArns(ctx),
    ),
    allow(
      'ReadCohortMonitoring',
      ['budgets:ViewBudget', 'sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic', 'cloudwatch:GetDashboard'],
      [budgetArn(ctx), topicArn(ctx), dashboardArn(ctx)],
    ),
  );
}
