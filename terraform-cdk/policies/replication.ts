/**
 * The S3 replication role (pitfall 10): every permission replication of KMS-encrypted objects needs. With bucket
 * keys the KMS encryption context is the bucket ARN (pitfall 11); object ARNs are allowed too for objects written
 * without a bucket key.
 */
import { bucketAndObjects, objectsArn, viaService } from './arns.ts';
import { allow, bucketArn, type PolicyContext, type PolicyDocument, policyDocument } from './policy-document.ts';
import { serviceTrust } from './service-trust.ts';

export function replicationTrust(): PolicyDocument {
  return serviceTrust('s3.amazonaws.com');
}

export function replicationRolePolicy(ctx: PolicyContext): PolicyDocument {
  const { primary, backup } = ctx.cohort.regions;
  const backupKey = ctx.keyArns.backup;
  if (backup === undefined || backupKey === undefined) {
    throw new Error(`cohort ${ctx.cohort.id} has no backup region (and key): it has no replication role`);
  }
  const n = ctx.names;
  const sources = [n.bucket('raw'), n.bucket('processed')];
  const replicas = [n.replicaBucket('raw'), n.replicaBucket('processed')];
  return policyDocument(
    allow('ReadSourceConfiguration', ['s3:GetReplicationConfiguration', 's3:ListBucket'], sources.map(bucketArn)),
    allow(
      'ReadSourceObjectVersions',
      ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      sources.map((b) => objectsArn(b)),
    ),
    allow(
      'WriteReplicas',
      ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      replicas.map((b) => objectsArn(b)),
    ),
    allow('DecryptSourceObjects', ['kms:Decrypt'], ctx.keyArns.primary, {
      StringEquals: { 'kms:ViaService': viaService('s3', [primary]) },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': sources.flatMap((b) => bucketAndObjects(b)) },
    }),
    allow('EncryptReplicas', ['kms:Encrypt', 'kms:GenerateDataKey'], backupKey, {
      StringEquals: { 'kms:ViaService': viaService('s3', [backup]) },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': replicas.flatMap((b) => bucketAndObjects(b)) },
    }),
  );
}
