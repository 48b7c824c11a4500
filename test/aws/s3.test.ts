import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { s3Api, WriteConflictError } from '../../src/aws/s3.ts';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

/** The one method of the SDK's stream mixin the adapter uses. */
function textBody(text: string): NonNullable<GetObjectCommandOutput['Body']> {
  return { transformToString: async () => text } as unknown as NonNullable<GetObjectCommandOutput['Body']>;
}

function serviceError(name: string, status: number) {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

describe('s3 adapter', () => {
  it('reads text with its ETag, and undefined for a missing key', async () => {
    s3.on(GetObjectCommand, { Key: 'there' }).resolves({
      Body: textBody('{"a":1}'),
      ETag: '"e1"',
    });
    s3.on(GetObjectCommand, { Key: 'missing' }).rejects(serviceError('NoSuchKey', 404));
    const api = s3Api(new S3Client({ region: 'us-east-1' }));
    expect(await api.getText('b', 'there')).toEqual({ body: '{"a":1}', etag: '"e1"' });
    expect(await api.getText('b', 'missing')).toBeUndefined();
  });

  it('sends the write conditions and turns 412 and 409 into a WriteConflictError', async () => {
    s3.on(PutObjectCommand)
      .resolvesOnce({ ETag: '"e2"' })
      .rejectsOnce(serviceError('PreconditionFailed', 412))
      .rejectsOnce(serviceError('ConditionalRequestConflict', 409));
    const api = s3Api(new S3Client({ region: 'us-east-1' }));
    expect(await api.putText('b', 'k', 'x', { ifMatch: '"e1"' })).toEqual({ etag: '"e2"' });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      IfMatch: '"e1"',
      Bucket: 'b',
      Key: 'k',
    });
    await expect(api.putText('b', 'k', 'x', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(WriteConflictError);
    await expect(api.putText('b', 'k', 'x')).rejects.toBeInstanceOf(WriteConflictError);
    expect(s3.commandCalls(PutObjectCommand)[1]?.args[0].input.IfNoneMatch).toBe('*');
  });

  it('passes other errors through', async () => {
    s3.on(PutObjectCommand).rejects(serviceError('AccessDenied', 403));
    await expect(s3Api(new S3Client({ region: 'us-east-1' })).putText('b', 'k', 'x')).rejects.toThrow('AccessDenied');
  });

  it('lists every page', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'ops/a', Size: 1 }], IsTruncated: true, NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'ops/b', Size: 2 }], IsTruncated: false });
    const listed = await s3Api(new S3Client({ region: 'us-east-1' })).list('b', 'ops/');
    expect(listed.map((o) => o.key)).toEqual(['ops/a', 'ops/b']);
    expect(s3.commandCalls(ListObjectsV2Command)[1]?.args[0].input.ContinuationToken).toBe('t');
  });
});
