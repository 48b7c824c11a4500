/**
 * The bucket settings the DR audit reads, as plain data: replication configuration, versioning (with MFA delete),
 * default encryption and the public-access block. "Not configured" answers (S3 signals each with its own error code)
 * become `undefined`, so the audit can report them as findings; a missing bucket throws BucketMissingError.
 */
import {
  GetBucketEncryptionCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type S3Client,
  type ReplicationRule as SdkReplicationRule,
} from '@aws-sdk/client-s3';
import { isErrorNamed } from './errors.ts';
import { optional } from './optional-field.ts';

export interface ReplicationTimeSetting {
  readonly status: string;
  readonly minutes?: number;
}

export interface ReplicationRuleSettings {
  readonly id?: string;
  /** `Enabled` or `Disabled`. */
  readonly status: string;
  readonly priority?: number;
  /** The key prefix the rule selects; "" selects the whole bucket. */
  readonly prefix: string;
  /** The rule selects by object tags too (so not every object). */
  readonly filtersOnTags: boolean;
  readonly destinationBucketArn?: string;
  /** `ReplicaKmsKeyID` as configured: a key ARN, key id or alias. */
  readonly replicaKmsKeyId?: string;
  readonly deleteMarkerReplication?: string;
  readonly sseKmsEncryptedObjects?: string;
  readonly replicationTime?: ReplicationTimeSetting;
  readonly metrics?: ReplicationTimeSetting;
}

export interface BucketReplication {
  readonly role?: string;
  readonly rules: readonly ReplicationRuleSettings[];
}

export interface BucketVersioning {
  /** `Enabled`, `Suspended`, or `Disabled` for a bucket whose versioning was never switched on. */
  readonly status: string;
  /** `Enabled` or `Disabled`. */
  readonly mfaDelete: string;
}

export interface BucketEncryption {
  /** `aws:kms`, `aws:kms:dsse` or `AES256`. */
  readonly algorithm?: string;
  readonly kmsKeyId?: string;
  readonly bucketKeyEnabled: boolean;
}

export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

export interface S3BucketSettingsApi {
  /** The replication configuration, or undefined when the bucket has none. */
  replication(bucket: string): Promise<BucketReplication | undefined>;
  versioning(bucket: string): Promise<BucketVersioning>;
  /** Default encryption, or undefined when none is configured. */
  encryption(bucket: string): Promise<BucketEncryption | undefined>;
  /** The bucket's public-access block, or undefined when it has none. */
  publicAccessBlock(bucket: string): Promise<PublicAccessBlock | undefined>;
}

export class BucketMissingError extends Error {
  override readonly name = 'BucketMissingError';
  constructor(readonly bucket: string) {
    super(`bucket ${bucket} does not exist (or is not visible to this account)`);
  }
}

function timeSetting(
  value: { Status?: string | undefined; minutes?: number | undefined } | undefined,
): ReplicationTimeSetting | undefined {
  if (value?.Status === undefined) return undefined;
  return { status: value.Status, ...optional('minutes', value.minutes) };
}

/** The prefix and tag selection of a rule, whichever of the three filter forms (or the legacy prefix) it uses. */
function selection(rule: SdkReplicationRule): { prefix: string; filtersOnTags: boolean } {
  const filter = rule.Filter;
  if (filter?.And !== undefined) {
    return { prefix: filter.And.Prefix ?? '', filtersOnTags: (filter.And.Tags ?? []).length > 0 };
  }
  if (filter?.Tag !== undefined) return { prefix: '', filtersOnTags: true };
  return { prefix: filter?.Prefix ?? rule.Prefix ?? '', filtersOnTags: false };
}

export function replicationRule(rule: SdkReplicationRule): ReplicationRuleSettings {
  const destination = rule.Destination;
  const replicationTime = timeSetting(
    destination?.ReplicationTime && {
      Status: destination.ReplicationTime.Status,
      minutes: destination.ReplicationTime.Time?.Minutes,
    },
  );
  const metrics = timeSetting(
    destination?.Metrics && {
      Status: destination.Metrics.Status,
      minutes: destination.Metrics.EventThreshold?.Minutes,
    },
  );
  return {
    status: rule.Status ?? 'Disabled',
    ...selection(rule),
    ...optional('id', rule.ID),
    ...optional('priority', rule.Priority),
    ...optional('destinationBucketArn', destination?.Bucket),
    ...optional('replicaKmsKeyId', destination?.EncryptionConfiguration?.ReplicaKmsKeyID),
    ...optional('deleteMarkerReplication', rule.DeleteMarkerReplication?.Status),
    ...optional('sseKmsEncryptedObjects', rule.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status),
    ...optional('replicationTime', replicationTime),
    ...optional('metrics', metrics),
  };
}

/** Runs a read; S3's "not configured" error codes give undefined, a missing bucket BucketMissingError. */
async function read<T>(bucket: string, notConfigured: readonly string[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (isErrorNamed(error, 'NoSuchBucket')) throw new BucketMissingError(bucket);
    if (isErrorNamed(error, ...notConfigured)) return undefined;
    throw error;
  }
}

export function s3BucketSettingsApi(client: S3Client): S3BucketSettingsApi {
  return {
    async replication(Bucket) {
      return read(Bucket, ['ReplicationConfigurationNotFoundError'], async () => {
        const out = await client.send(new GetBucketReplicationCommand({ Bucket }));
        const config = out.ReplicationConfiguration;
        if (config === undefined) return undefined;
        return { ...optional('role', config.Role), rules: (config.Rules ?? []).map(replicationRule) };
      });
    },
    async versioning(Bucket) {
      const out = await read(Bucket, [], () => client.send(new GetBucketVersioningCommand({ Bucket })));
      return { status: out?.Status ?? 'Disabled', mfaDelete: out?.MFADelete ?? 'Disabled' };
    },
    async encryption(Bucket) {
      return read(Bucket, ['ServerSideEncryptionConfigurationNotFoundError'], async () => {
        const out = await client.send(new GetBucketEncryptionCommand({ Bucket }));
        const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0];
        if (rule === undefined) return undefined;
        const byDefault = rule.ApplyServerSideEncryptionByDefault;
        return {
          bucketKeyEnabled: rule.BucketKeyEnabled === true,
          ...optional('algorithm', byDefault?.SSEAlgorithm),
          ...optional('kmsKeyId', byDefault?.KMSMasterKeyID),
        };
      });
    },
    async publicAccessBlock(Bucket) {
      return read(Bucket, ['NoSuchPublicAccessBlockConfiguration'], async () => {
        const out = await client.send(new GetPublicAccessBlockCommand({ Bucket }));
        const block = out.PublicAccessBlockConfiguration;
        if (block === undefined) return undefined;
        return {
          blockPublicAcls: block.BlockPublicAcls === true,
          ignorePublicAcls: block.IgnorePublicAcls === true,
          blockPublicPolicy: block.BlockPublicPolicy === true,
          restrictPublicBuckets: block.RestrictPublicBuckets === true,
        };
      });
    },
  };
}
