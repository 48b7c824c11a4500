/**
 * The cohort's Glue service role, used by its crawlers and jobs. `AWSGlueServiceRole` is not attached: it covers
 * only `aws-glue-*` buckets and no KMS (pitfall 6); this policy grants exactly the cohort's data, catalog, logs
 * and key.
 */
import { GLUE_CATALOG_READS, GLUE_TABLE_WRITES } from './actions.ts';
import {
  catalogKeyArns,
  cohortCatalogArns,
  failsOver,
  glueLogGroupPatterns,
  logGroupArns,
  objectsArn,
  replicaBucketNames,
} from './arns.ts';
import { allow, bucketArn, type PolicyContext, type PolicyDocument, policyDocument } from './policy-document.ts';
import { serviceTrust } from './service-trust.ts';

export function glueTrust(): PolicyDocument {
  return serviceTrust('glue.amazonaws.com');
}

export function glueRolePolicy(ctx: PolicyContext): PolicyDocument {
  const n = ctx.names;
  // With failover the backup catalog's crawlers read the replicas; the replicas are written by replication only.
  const readOnly = [n.bucket('raw'), ...(failsOver(ctx) ? replicaBucketNames(ctx) : [])];
  const processed = n.bucket('processed');
  return policyDocument(
    allow('LocateBuckets', ['s3:GetBucketLocation', 's3:ListBucket'], [...readOnly, processed].map(bucketArn)),
    // Raw holds the datasets and, under the assets prefix, the ETL scripts.
    allow(
      'ReadRawAndAssets',
      ['s3:GetObject'],
      readOnly.map((b) => objectsArn(b)),
    ),
    // Jobs write their output (student copies under students/<user>/) and their temporary directory here.
    allow(
      'WriteProcessed',
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      objectsArn(processed),
    ),
    allow('CohortCatalog', [...GLUE_CATALOG_READS, ...GLUE_TABLE_WRITES], cohortCatalogArns(ctx)),
    allow(
      'SecurityConfigurationAndLakeFormation',
      ['glue:GetSecurityConfiguration', 'lakeformation:GetDataAccess'],
      '*',
    ),
    allow(
      'WriteGlueLogs',
      ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
      logGroupArns(ctx, glueLogGroupPatterns(ctx)),
    ),
    // Job bookmarks are client-side encrypted by the job itself, so no kms:ViaService condition here.
    allow(
      'UseCohortKey',
      ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      catalogKeyArns(ctx),
    ),
    allow('PublishGlueMetrics', ['cloudwatch:PutMetricData'], '*', {
      StringEquals: { 'cloudwatch:namespace': 'Glue' },
    }),
  );
}
