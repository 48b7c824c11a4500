/**
 * The key policy of a cohort's KMS key in one region. The account root statement lets IAM policies grant use of
 * the key (pitfall 2): the cohort's roles and students get it that way, always through a service. AWS services
 * that use the key with their own principal are named, each bound to this account or to the cohort's resources.
 */
import {
  accountRootArn,
  catalogRegions,
  glueLogGroupPatterns,
  lakeFormationServiceRoleArn,
  logGroupArns,
  trailArn,
  trailLogGroupPattern,
} from './arns.ts';
import type { ConditionBlock, PolicyContext, PolicyDocument, PolicyStatement } from './policy-document.ts';
import { lakeFormationManaged, policyDocument } from './policy-document.ts';

/** Services that publish to the cohort's encrypted SNS topic (pitfall 8), with a name for statement ids. */
export const TOPIC_PUBLISHERS = ['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'budgets.amazonaws.com'] as const;
const PUBLISHER_NAMES: Record<(typeof TOPIC_PUBLISHERS)[number], string> = {
  'cloudwatch.amazonaws.com': 'CloudWatchAlarms',
  'events.amazonaws.com': 'EventBridge',
  'budgets.amazonaws.com': 'Budgets',
};

const USE = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey'];

export function keyPolicy(ctx: PolicyContext, region: 'primary' | 'backup'): PolicyDocument {
  const regionName = region === 'primary' ? ctx.cohort.regions.primary : ctx.cohort.regions.backup;
  if (regionName === undefined) throw new Error(`cohort ${ctx.cohort.id} has no backup region, so no backup key`);
  const root = accountRootArn(ctx);
  const isPrimary = region === 'primary';
  const hasCatalog = catalogRegions(ctx).includes(regionName);
  const logGroups = [
    ...(hasCatalog ? glueLogGroupPatterns(ctx) : []),
    ...(isPrimary ? [trailLogGroupPattern(ctx)] : []),
  ];
  const sourceAccount: ConditionBlock = { StringEquals: { 'aws:SourceAccount': ctx.accountId } };
  const through = (sid: string, service: string): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: root },
    Action: USE,
    Resource: '*',
    Condition: {
      StringEquals: { 'kms:ViaService': `${service}.${regionName}.amazonaws.com`, 'kms:CallerAccount': ctx.accountId },
    },
  });
  return policyDocument(
    { Sid: 'AccountAdminsAndIamPolicies', Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' },
    through('UseThroughS3', 's3'),
    hasCatalog && through('UseThroughGlue', 'glue'),
    isPrimary && through('UseThroughSns', 'sns'),
    // Managed mode registers the buckets under a catalog (the primary's; with failover also the replicas in the
    // backup region) with Lake Formation's service-linked role, whose IAM policy AWS owns and grants no KMS: the
    // key policy names it. By ARN in a condition, as the role may not exist before the first registration and a
    // key policy naming a missing principal is rejected.
    hasCatalog &&
      lakeFormationManaged(ctx) && {
        Sid: 'LakeFormationDataAccessThroughS3',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': lakeFormationServiceRoleArn(ctx) },
          StringEquals: {
            'aws:PrincipalAccount': ctx.accountId,
            'kms:ViaService': `s3.${regionName}.amazonaws.com`,
          },
        },
      },
    logGroups.length > 0 && {
      Sid: 'CloudWatchLogsForCohortLogGroups',
      Effect: 'Allow',
      Principal: { Service: `logs.${regionName}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      // The log group ARN in the encryption context already names this account.
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns(ctx, logGroups, [regionName]) } },
    },
    ...(isPrimary
      ? TOPIC_PUBLISHERS.map(
          (service): PolicyStatement => ({
            Sid: `${PUBLISHER_NAMES[service]}PublishesToEncryptedTopic`,
            Effect: 'Allow',
            Principal: { Service: service },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: sourceAccount,
          }),
        )
      : []),
    isPrimary && {
      Sid: 'CloudTrailEncryptsCohortTrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': trailArn(ctx), 'aws:SourceAccount': ctx.accountId },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/${ctx.names.trail}`,
        },
      },
    },
    isPrimary && {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': trailArn(ctx), 'aws:SourceAccount': ctx.accountId } },
    },
  );
}
