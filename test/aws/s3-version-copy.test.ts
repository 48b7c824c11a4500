import {
  CopyObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { s3CanaryApi } from '../../src/aws/s3-canary.ts';
import { copySource, s3VersionCopyApi } from '../../src/aws/s3-version-copy.ts';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const client = () => new S3Client({ region: 'ap-northeast-2' });

describe('copying a version over its key', () => {
  it('encodes the key segment by segment and the version id', () => {
    expect(copySource('b', 'students/s 1/ä+b.csv', 'v/1')).toBe('b/students/s%201/%C3%A4%2Bb.csv?versionId=v%2F1');
  });

  it('copies with metadata and tags, and returns the new version', async () => {
    s3.on(CopyObjectCommand).resolves({ VersionId: 'v9' });
    expect(await s3VersionCopyApi(client()).copyVersionOver('b', 'k', 'v1')).toEqual({ versionId: 'v9' });
    expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      CopySource: 'b/k?versionId=v1',
      MetadataDirective: 'COPY',
      TaggingDirective: 'COPY',
    });
  });
});

describe('the drill canary', () => {
  it('is written with its SHA-256 and needs a versioned bucket', async () => {
    s3.on(PutObjectCommand).resolvesOnce({ VersionId: 'v1', ChecksumSHA256: 'c=' }).resolvesOnce({});
    const api = s3CanaryApi(client());
    expect(await api.put('b', '_dr-drill/x.json', '{}', 'c=')).toEqual({ versionId: 'v1', sha256: 'c=' });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({ ChecksumSHA256: 'c=', Body: '{}' });
    await expect(api.put('b', '_dr-drill/x.json', '{}', 'c=')).rejects.toThrow(/no version id: is versioning on/);
  });

  it('reads a version back as bytes, undefined while it is not there', async () => {
    const body = { transformToByteArray: async () => new TextEncoder().encode('hi') } as unknown as NonNullable<
      GetObjectCommandOutput['Body']
    >;
    s3.on(GetObjectCommand, { VersionId: 'v1' }).resolves({ Body: body });
    s3.on(GetObjectCommand, { VersionId: 'v2' }).rejects(
      new S3ServiceException({
        name: 'NoSuchVersion',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
        message: '',
      }),
    );
    const api = s3CanaryApi(client());
    expect(new TextDecoder().decode(await api.get('b', 'k', 'v1'))).toBe('hi');
    expect(await api.get('b', 'k', 'v2')).toBeUndefined();
  });
});
