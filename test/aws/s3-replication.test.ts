import {
  GetBucketEncryptionCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { BucketMissingError, replicationRule, s3BucketSettingsApi } from '../../src/aws/s3-replication.ts';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const api = () => s3BucketSettingsApi(new S3Client({ region: 'ap-northeast-2' }));

function serviceError(name: string, status: number) {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

describe('s3 bucket settings adapter', () => {
  it('reads a replication rule as the audit needs it', async () => {
    s3.on(GetBucketReplicationCommand).resolves({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::123456789012:role/r',
        Rules: [
          {
            ID: 'cohort-backup',
            Status: 'Enabled',
            Priority: 1,
            Filter: {},
            DeleteMarkerReplication: { Status: 'Enabled' },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            Destination: {
              Bucket: 'arn:aws:s3:::b-dr',
              EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:ap-southeast-1:123456789012:key/k' },
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
              Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
            },
          },
        ],
      },
    });
    expect(await api().replication('b')).toEqual({
      role: 'arn:aws:iam::123456789012:role/r',
      rules: [
        {
          id: 'cohort-backup',
          status: 'Enabled',
          priority: 1,
          prefix: '',
          filtersOnTags: false,
          destinationBucketArn: 'arn:aws:s3:::b-dr',
          replicaKmsKeyId: 'arn:aws:kms:ap-southeast-1:123456789012:key/k',
          deleteMarkerReplication: 'Enabled',
          sseKmsEncryptedObjects: 'Enabled',
          replicationTime: { status: 'Enabled', minutes: 15 },
          metrics: { status: 'Enabled', minutes: 15 },
        },
      ],
    });
    expect(s3.commandCalls(GetBucketReplicationCommand)[0]?.args[0].input).toEqual({ Bucket: 'b' });
  });

  it.each([
    [{ Filter: { Prefix: 'trips/' } }, { prefix: 'trips/', filtersOnTags: false }],
    [{ Filter: { Tag: { Key: 'k', Value: 'v' } } }, { prefix: '', filtersOnTags: true }],
    [{ Filter: { And: { Prefix: 'p/', Tags: [{ Key: 'k', Value: 'v' }] } } }, { prefix: 'p/', filtersOnTags: true }],
    [{ Prefix: 'legacy/' }, { prefix: 'legacy/', filtersOnTags: false }],
  ])('reads the selection of rule %j', (rule, selection) => {
    expect(replicationRule({ Status: 'Enabled', Destination: { Bucket: 'x' }, ...rule })).toMatchObject(selection);
  });

  it('turns "not configured" into undefined and a missing bucket into BucketMissingError', async () => {
    s3.on(GetBucketReplicationCommand).rejects(serviceError('ReplicationConfigurationNotFoundError', 404));
    s3.on(GetBucketEncryptionCommand).rejects(serviceError('ServerSideEncryptionConfigurationNotFoundError', 404));
    s3.on(GetPublicAccessBlockCommand).rejects(serviceError('NoSuchPublicAccessBlockConfiguration', 404));
    s3.on(GetBucketVersioningCommand).rejects(serviceError('NoSuchBucket', 404));
    expect(await api().replication('b')).toBeUndefined();
    expect(await api().encryption('b')).toBeUndefined();
    expect(await api().publicAccessBlock('b')).toBeUndefined();
    await expect(api().versioning('gone')).rejects.toBeInstanceOf(BucketMissingError);
  });

  it('passes other errors through', async () => {
    s3.on(GetBucketReplicationCommand).rejects(serviceError('AccessDenied', 403));
    await expect(api().replication('b')).rejects.toThrow('AccessDenied');
  });

  it('reads versioning (never enabled: Disabled), default encryption and the public-access block', async () => {
    s3.on(GetBucketVersioningCommand, { Bucket: 'new' }).resolves({});
    s3.on(GetBucketVersioningCommand, { Bucket: 'b' }).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'k' },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    s3.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false },
    });
    expect(await api().versioning('new')).toEqual({ status: 'Disabled', mfaDelete: 'Disabled' });
    expect(await api().versioning('b')).toEqual({ status: 'Enabled', mfaDelete: 'Enabled' });
    expect(await api().encryption('b')).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'k', bucketKeyEnabled: true });
    expect(await api().publicAccessBlock('b')).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
  });
});
