import { AthenaClient, DeleteWorkGroupCommand } from '@aws-sdk/client-athena';
import { CloudWatchClient, DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteCrawlerCommand, DeleteJobCommand, EntityNotFoundException, GlueClient } from '@aws-sdk/client-glue';
import {
  DeleteLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { DeleteTopicCommand, NotFoundException, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { iamUserCredentialsApi } from '../../src/aws/iam-user-credentials.ts';
import { leftoverDeleteApi, parseArn } from '../../src/aws/leftover-deletion.ts';
import { s3BucketTagsApi } from '../../src/aws/s3-bucket-tags.ts';
import { BucketMissingError } from '../../src/aws/s3-replication.ts';
import { s3VersionDeleteApi } from '../../src/aws/s3-version-delete.ts';
import { taggedResourcesApi } from '../../src/aws/tagged-resources.ts';

const s3 = mockClient(S3Client);
const iam = mockClient(IAMClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const sns = mockClient(SNSClient);
const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const cloudwatch = mockClient(CloudWatchClient);
beforeEach(() => {
  for (const mock of [s3, iam, tagging, sns, glue, athena, cloudwatch]) mock.reset();
});

function s3Error(name: string, status: number) {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

describe('s3 version deletion', () => {
  const api = () => s3VersionDeleteApi(new S3Client({ region: 'eu-west-1' }));

  it('deletes by version id in quiet mode and returns only the keys S3 could not delete', async () => {
    s3.on(DeleteObjectsCommand).resolves({
      Errors: [{ Key: 'b', VersionId: 'v2', Code: 'SlowDown', Message: 'Please reduce your request rate' }],
    });
    const errors = await api().deleteVersions('bkt', [
      { key: 'a', versionId: 'v1' },
      { key: 'b', versionId: 'v2' },
    ]);
    expect(errors).toEqual([
      { key: 'b', versionId: 'v2', code: 'SlowDown', message: 'Please reduce your request rate' },
    ]);
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input).toEqual({
      Bucket: 'bkt',
      Delete: {
        Quiet: true,
        Objects: [
          { Key: 'a', VersionId: 'v1' },
          { Key: 'b', VersionId: 'v2' },
        ],
      },
    });
  });

  it('refuses more than 1,000 keys in one request, and sends none for an empty batch', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ key: `k${i}`, versionId: 'v' }));
    await expect(api().deleteVersions('bkt', many)).rejects.toThrow('at most 1000 keys');
    expect(await api().deleteVersions('bkt', [])).toEqual([]);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('deletes a bucket, and a missing one is absent', async () => {
    s3.on(DeleteBucketCommand).resolvesOnce({}).rejectsOnce(s3Error('NoSuchBucket', 404));
    expect(await api().deleteBucket('b')).toBe('deleted');
    expect(await api().deleteBucket('b')).toBe('absent');
  });
});

describe('s3 bucket tags and policy status', () => {
  const api = () => s3BucketTagsApi(new S3Client({ region: 'eu-west-1' }));

  it('reads tags, and no tag set as none', async () => {
    s3.on(GetBucketTaggingCommand)
      .resolvesOnce({ TagSet: [{ Key: 'managed-by', Value: 'workshop-gitops' }] })
      .rejectsOnce(s3Error('NoSuchTagSet', 404));
    expect(await api().tags('b')).toEqual({ 'managed-by': 'workshop-gitops' });
    expect(await api().tags('b')).toEqual({});
  });

  it('reads whether the policy is public, no policy as not public, and a missing bucket as BucketMissingError', async () => {
    s3.on(GetBucketPolicyStatusCommand)
      .resolvesOnce({ PolicyStatus: { IsPublic: true } })
      .rejectsOnce(s3Error('NoSuchBucketPolicy', 404))
      .rejectsOnce(s3Error('NoSuchBucket', 404));
    expect(await api().policyIsPublic('b')).toBe(true);
    expect(await api().policyIsPublic('b')).toBe(false);
    await expect(api().policyIsPublic('b')).rejects.toBeInstanceOf(BucketMissingError);
  });
});

describe('iam user credentials', () => {
  const api = () => iamUserCredentialsApi(new IAMClient({ region: 'us-east-1' }));
  const noSuchEntity = () => new NoSuchEntityException({ message: 'not found', $metadata: {} });

  it('lists access keys across pages, and a missing user has none', async () => {
    iam
      .on(ListAccessKeysCommand, { UserName: 'u' })
      .resolvesOnce({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA1', Status: 'Active' }], IsTruncated: true, Marker: 'm' })
      .resolvesOnce({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA2', Status: 'Inactive' }], IsTruncated: false });
    iam.on(ListAccessKeysCommand, { UserName: 'gone' }).rejects(noSuchEntity());
    expect(await api().accessKeys('u')).toEqual([
      { id: 'AKIA1', status: 'Active' },
      { id: 'AKIA2', status: 'Inactive' },
    ]);
    expect(await api().accessKeys('gone')).toEqual([]);
  });

  it('reads user tags, undefined for a missing user', async () => {
    iam.on(ListUserTagsCommand, { UserName: 'u' }).resolves({ Tags: [{ Key: 'workshop:cohort', Value: 'seoul' }] });
    iam.on(ListUserTagsCommand, { UserName: 'gone' }).rejects(noSuchEntity());
    expect(await api().userTags('u')).toEqual({ 'workshop:cohort': 'seoul' });
    expect(await api().userTags('gone')).toBeUndefined();
  });

  it('removes a console password; none to remove is absent, not an error', async () => {
    iam.on(DeleteLoginProfileCommand).resolvesOnce({}).rejectsOnce(noSuchEntity());
    expect(await api().deleteLoginProfile('u')).toBe('deleted');
    expect(await api().deleteLoginProfile('u')).toBe('absent');
  });
});

describe('tagged resources', () => {
  it('lists every page with the tags of each resource, filtered by exact tag values', async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({
        ResourceTagMappingList: [{ ResourceARN: 'arn:aws:sns:eu-west-1:1:b', Tags: [{ Key: 'k', Value: 'v' }] }],
        PaginationToken: 'next',
      })
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::a', Tags: [] }], PaginationToken: '' });
    const found = await taggedResourcesApi(new ResourceGroupsTaggingAPIClient({ region: 'eu-west-1' })).resources({
      'workshop:cohort': 'seoul',
    });
    expect(found).toEqual([
      { arn: 'arn:aws:s3:::a', tags: {} },
      { arn: 'arn:aws:sns:eu-west-1:1:b', tags: { k: 'v' } },
    ]);
    expect(tagging.commandCalls(GetResourcesCommand)[0]?.args[0].input.TagFilters).toEqual([
      { Key: 'workshop:cohort', Values: ['seoul'] },
    ]);
    expect(tagging.commandCalls(GetResourcesCommand)[1]?.args[0].input.PaginationToken).toBe('next');
  });
});

describe('leftover deletion', () => {
  it.each([
    [
      'arn:aws:s3:::acme-ws-seoul-raw',
      { service: 's3', resourceType: 'bucket', name: 'acme-ws-seoul-raw', kind: 's3-bucket' },
    ],
    [
      'arn:aws:sns:eu-west-1:123:acme-ws-seoul-alerts',
      { resourceType: 'topic', name: 'acme-ws-seoul-alerts', kind: 'sns-topic' },
    ],
    [
      'arn:aws:glue:eu-west-1:123:job/acme-ws-seoul_s01_etl',
      { resourceType: 'job', name: 'acme-ws-seoul_s01_etl', kind: 'glue-job' },
    ],
    [
      'arn:aws:athena:eu-west-1:123:workgroup/acme-ws-seoul_s01',
      { kind: 'athena-workgroup', name: 'acme-ws-seoul_s01' },
    ],
    [
      'arn:aws:cloudwatch:eu-west-1:123:alarm:acme-ws-seoul-s01-athena-scan',
      { kind: 'cloudwatch-alarm', name: 'acme-ws-seoul-s01-athena-scan' },
    ],
    [
      'arn:aws:logs:eu-west-1:123:log-group:/workshops/acme-ws-seoul/cloudtrail',
      { resourceType: 'log-group', name: '/workshops/acme-ws-seoul/cloudtrail' },
    ],
    ['arn:aws:kms:eu-west-1:123:key/1234-abcd', { service: 'kms', resourceType: 'key', name: '1234-abcd' }],
  ])('parses %s', (arn, expected) => {
    expect(parseArn(arn)).toMatchObject(expected);
  });

  it('knows no deletion for types it cannot delete, and nothing for what is not an ARN', () => {
    expect(parseArn('arn:aws:kms:eu-west-1:123:key/1')?.kind).toBeUndefined();
    expect(parseArn('not-an-arn')).toBeUndefined();
  });

  it('deletes each supported kind with its own call; gone already is absent', async () => {
    sns.on(DeleteTopicCommand).rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: {} }));
    glue.on(DeleteJobCommand).resolves({});
    glue.on(DeleteCrawlerCommand).rejects(new EntityNotFoundException({ message: 'no crawler', $metadata: {} }));
    athena.on(DeleteWorkGroupCommand).resolves({});
    cloudwatch.on(DeleteAlarmsCommand).resolves({});
    const api = leftoverDeleteApi({
      sns: new SNSClient({ region: 'eu-west-1' }),
      glue: new GlueClient({ region: 'eu-west-1' }),
      athena: new AthenaClient({ region: 'eu-west-1' }),
      cloudwatch: new CloudWatchClient({ region: 'eu-west-1' }),
    });
    expect(await api.delete('sns-topic', 't', 'arn:aws:sns:eu-west-1:1:t')).toBe('absent');
    expect(await api.delete('glue-job', 'j', 'arn')).toBe('deleted');
    expect(await api.delete('glue-crawler', 'c', 'arn')).toBe('absent');
    expect(await api.delete('athena-workgroup', 'w', 'arn')).toBe('deleted');
    expect(await api.delete('cloudwatch-alarm', 'a', 'arn')).toBe('deleted');
    expect(athena.commandCalls(DeleteWorkGroupCommand)[0]?.args[0].input).toEqual({
      WorkGroup: 'w',
      RecursiveDeleteOption: true,
    });
    expect(cloudwatch.commandCalls(DeleteAlarmsCommand)[0]?.args[0].input).toEqual({ AlarmNames: ['a'] });
    expect(sns.commandCalls(DeleteTopicCommand)[0]?.args[0].input).toEqual({ TopicArn: 'arn:aws:sns:eu-west-1:1:t' });
  });
});
