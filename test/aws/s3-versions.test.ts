import {
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type ObjectVersionStorageClass,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { pageEntries, s3VersionsApi } from '../../src/aws/s3-versions.ts';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const api = () => s3VersionsApi(new S3Client({ region: 'ap-northeast-2' }));
const at = (minute: number) => new Date(Date.UTC(2026, 11, 8, 5, minute));

describe('s3 versions adapter', () => {
  it('merges versions and delete markers in key order, newest first within a key', () => {
    const entries = pageEntries({
      Versions: [
        {
          Key: 'b',
          VersionId: 'b1',
          LastModified: at(1),
          IsLatest: false,
          Size: 3,
          StorageClass: 'GLACIER' as ObjectVersionStorageClass,
        },
        { Key: 'a', VersionId: 'a1', LastModified: at(1), IsLatest: true, Size: 1, ETag: '"e"' },
      ],
      DeleteMarkers: [{ Key: 'b', VersionId: 'bd', LastModified: at(2), IsLatest: true }],
    });
    expect(entries.map((e) => [e.key, e.versionId, e.isDeleteMarker])).toEqual([
      ['a', 'a1', false],
      ['b', 'bd', true],
      ['b', 'b1', false],
    ]);
    expect(entries[2]).toMatchObject({ size: 3, storageClass: 'GLACIER' });
  });

  it('asks for one page from a marker and says where the next starts', async () => {
    s3.on(ListObjectVersionsCommand).resolves({ IsTruncated: true, NextKeyMarker: 'k9', NextVersionIdMarker: 'v9' });
    const page = await api().listVersionsPage('b', { prefix: 'p/', after: { keyMarker: 'k1', versionIdMarker: 'v1' } });
    expect(page).toEqual({ entries: [], next: { keyMarker: 'k9', versionIdMarker: 'v9' } });
    expect(s3.commandCalls(ListObjectVersionsCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      MaxKeys: 1000,
      Prefix: 'p/',
      KeyMarker: 'k1',
      VersionIdMarker: 'v1',
    });
    s3.on(ListObjectVersionsCommand).resolves({ IsTruncated: false });
    expect((await api().listVersionsPage('b', {})).next).toBeUndefined();
  });

  it('heads one version with checksums on, and answers undefined for a missing one', async () => {
    s3.on(HeadObjectCommand, { Key: 'k' }).resolves({
      VersionId: 'v1',
      ContentLength: 42,
      ETag: '"e"',
      ReplicationStatus: 'COMPLETED',
      ChecksumCRC64NVME: 'abc=',
      ChecksumSHA256: '',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:ap-northeast-2:123456789012:key/p',
    });
    s3.on(HeadObjectCommand, { Key: 'gone' }).rejects(
      new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: '' }),
    );
    expect(await api().headVersion('b', 'k', 'v1')).toEqual({
      versionId: 'v1',
      size: 42,
      etag: '"e"',
      replicationStatus: 'COMPLETED',
      checksums: { CRC64NVME: 'abc=' },
      serverSideEncryption: 'aws:kms',
      kmsKeyId: 'arn:aws:kms:ap-northeast-2:123456789012:key/p',
    });
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      VersionId: 'v1',
      ChecksumMode: 'ENABLED',
    });
    expect(await api().headVersion('b', 'gone', 'v1')).toBeUndefined();
  });
});
