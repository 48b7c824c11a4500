/**
 * The policy of every bucket the cohort stack creates: TLS only; with `security.allowedCidrs`, data access only
 * from those addresses unless it comes through an AWS service (Athena, Glue, replication, CloudTrail) or a trusted
 * role; and, for the trail's bucket, CloudTrail's delivery.
 */
import { lakeFormationServiceRoleArn, roleArn, trailArn } from './arns.ts';
import {
  bucketArn,
  lakeFormationManaged,
  type PolicyContext,
  type PolicyDocument,
  policyDocument,
} from './policy-document.ts';

export interface BucketPolicyOptions {
  /** The bucket receives the cohort trail's log files (under `AWSLogs/<account>/`, no key prefix). */
  readonly cloudtrail?: boolean;
  /**
   * Principals outside the cohort that reach the bucket from any address, such as the Terraform apply role that
   * uploads datasets and scripts from CI runners.
   */
  readonly trustedPrincipalArns?: readonly string[];
}

/**
 * Object and listing actions only: bucket configuration is left out of the address restriction so that Terraform
 * can always manage the bucket, whatever addresses the cohort file allows.
 */
const DATA_ACTIONS = [
  's3:GetObject*',
  's3:PutObject*',
  's3:DeleteObject*',
  's3:ListBucket*',
  's3:ListMultipartUploadParts',
  's3:AbortMultipartUpload',
  's3:RestoreObject',
];

export function bucketPolicy(
  ctx: PolicyContext,
  bucketName: string,
  options: BucketPolicyOptions = {},
): PolicyDocument {
  const bucket = bucketArn(bucketName);
  const everything = [bucket, `${bucket}/*`];
  const cidrs = ctx.cohort.security.allowedCidrs;
  const trusted = [
    roleArn(ctx, 'glue'),
    roleArn(ctx, 'instructor'),
    ...(ctx.cohort.regions.backup === undefined ? [] : [roleArn(ctx, 'replication')]),
    // Queries over registered locations read with credentials Lake Formation vends from its service-linked role.
    ...(lakeFormationManaged(ctx) ? [lakeFormationServiceRoleArn(ctx)] : []),
    ...(options.trustedPrincipalArns ?? []),
  ];
  return policyDocument(
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: everything,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    cidrs.length > 0 && {
      Sid: 'DenyDataAccessFromOtherAddresses',
      Effect: 'Deny',
      Principal: '*',
      Action: DATA_ACTIONS,
      Resource: everything,
      // All must hold to deny: another address, not forwarded by a service, not a service, not a trusted role.
      Condition: {
        NotIpAddress: { 'aws:SourceIp': cidrs },
        BoolIfExists: { 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': trusted },
      },
    },
    options.cloudtrail === true && {
      Sid: 'CloudTrailChecksBucketAcl',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucket,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn(ctx) } },
    },
    options.cloudtrail === true && {
      Sid: 'CloudTrailDeliversLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucket}/AWSLogs/${ctx.accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn(ctx) } },
    },
  );
}
