/**
 * The permissions boundary on every user and role of a cohort. Whatever a policy grants them, they act only on
 * their cohort's own resources (buckets, database and tables, crawlers, jobs, triggers, workgroups, log groups,
 * keys, topic, budget) and on shared ones (the catalog, account-level reads) only in the ways the cohort needs;
 * they change IAM only for password/MFA self-service, the instructors' password resets, the budget action's freeze
 * and passing the Glue role to Glue; and they never touch a boundary.
 */

import { GLUE_CATALOG_READS, GLUE_TABLE_WRITES, IAM_WRITES, KMS_USE } from './actions.ts';
import {
  bucketAndObjects,
  budgetArn,
  cohortBucketNames,
  cohortCatalogArns,
  cohortKeyArns,
  cohortLogGroupArns,
  cohortPolicyArn,
  cohortTagCondition,
  cohortUsersArn,
  cohortWorkgroupArns,
  dashboardArn,
  ownMfaArn,
  roleArn,
  studentsGroupArn,
  taggedGlueArns,
  topicArn,
} from './arns.ts';
import { allow, deny, type PolicyContext, type PolicyDocument, policyDocument } from './policy-document.ts';

/**
 * IAM actions a cohort principal may take: reads, and the writes the policies grant (own password and MFA
 * device, instructors' password resets, the freeze, passing the Glue role). Writes are confined to the cohort's
 * IAM resources by the deny below.
 */
const COHORT_IAM_ACTIONS = [
  'iam:Get*',
  'iam:List*',
  'iam:ChangePassword',
  'iam:*MFADevice',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AttachGroupPolicy',
  'iam:DetachGroupPolicy',
  'iam:PassRole',
] as const;

export function cohortBoundary(ctx: PolicyContext): PolicyDocument {
  const iamResources = [cohortUsersArn(ctx), ownMfaArn(ctx), studentsGroupArn(ctx), roleArn(ctx, 'glue')];
  return policyDocument(
    // The account-level reads of the policies (ACCOUNT_READS, OBSERVABILITY_READS), written compactly.
    allow(
      'AccountReads',
      [
        's3:ListAllMyBuckets',
        's3:GetBucketLocation',
        'athena:List*',
        'athena:GetDataCatalog',
        'athena:GetDatabase',
        'athena:GetTableMetadata',
        'glue:List*',
        'glue:GetCrawlerMetrics',
        'glue:GetSecurityConfiguration',
        'logs:DescribeLogGroups',
        'cloudwatch:GetMetric*',
        'cloudwatch:List*',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:PutMetricData',
        'cloudtrail:LookupEvents',
        'iam:GetAccountPasswordPolicy',
        'lakeformation:GetDataAccess',
      ],
      '*',
    ),
    // Data, not configuration: no bucket policy, deletion or lifecycle change, even on the cohort's buckets.
    allow(
      'CohortData',
      [
        's3:Get*',
        's3:List*',
        's3:PutObject',
        's3:DeleteObject',
        's3:AbortMultipartUpload',
        's3:RestoreObject',
        's3:Replicate*',
      ],
      cohortBucketNames(ctx).flatMap(bucketAndObjects),
    ),
    // The catalog is shared by every cohort: only table-level work there, on the cohort's database.
    allow('CohortCatalog', [...GLUE_CATALOG_READS, ...GLUE_TABLE_WRITES], cohortCatalogArns(ctx)),
    allow('CohortGlue', ['glue:*'], taggedGlueArns(ctx, ['crawler', 'job', 'trigger']), cohortTagCondition(ctx)),
    allow('CohortWorkgroups', ['athena:*'], cohortWorkgroupArns(ctx)),
    allow('CohortLogs', ['logs:*'], cohortLogGroupArns(ctx)),
    allow('CohortKeys', KMS_USE, cohortKeyArns(ctx)),
    allow(
      'CohortMonitoring',
      ['budgets:ViewBudget', 'sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic', 'cloudwatch:GetDashboard'],
      [budgetArn(ctx), topicArn(ctx), dashboardArn(ctx)],
    ),
    allow('CohortIam', COHORT_IAM_ACTIONS, '*'),
    // Every other IAM write is outside the allow list above; these make the important ones explicit.
    { Sid: 'NoIamWritesOutsideCohort', Effect: 'Deny', Action: IAM_WRITES, NotResource: iamResources },
    deny('OnlyTheFreezePolicy', ['iam:AttachGroupPolicy', 'iam:DetachGroupPolicy'], '*', {
      ArnNotEquals: { 'iam:PolicyARN': cohortPolicyArn(ctx, 'freeze') },
    }),
    deny('PassRolesOnlyToGlue', ['iam:PassRole'], '*', {
      StringNotEquals: { 'iam:PassedToService': 'glue.amazonaws.com' },
    }),
    // Users' tags are identity: the student id tag scopes table writes, and instructor tags open the instructor role.
    deny(
      'NoAccessKeysNoBoundaryChanges',
      [
        'iam:CreateAccessKey',
        'iam:TagUser',
        'iam:UntagUser',
        // Put and Delete, for users and roles: the four actions of that name.
        'iam:*PermissionsBoundary',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:DeletePolicy',
      ],
      '*',
    ),
  );
}
