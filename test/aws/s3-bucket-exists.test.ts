import { HeadBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, expect, it } from 'vitest';
import { s3BucketExistsApi } from '../../src/aws/s3-bucket-exists.ts';

const s3 = mockClient(S3Client);
afterAll(() => s3.restore());

const status = (code: number, name: string) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: code }, message: name });

it('tells an existing bucket from a missing one and from one the caller may not use', async () => {
  s3.on(HeadBucketCommand, { Bucket: 'here' }).resolves({});
  s3.on(HeadBucketCommand, { Bucket: 'gone' }).rejects(status(404, 'NotFound'));
  s3.on(HeadBucketCommand, { Bucket: 'theirs' }).rejects(status(403, 'Forbidden'));
  s3.on(HeadBucketCommand, { Bucket: 'broken' }).rejects(status(500, 'InternalError'));
  const api = s3BucketExistsApi(new S3Client({ region: 'us-east-1' }));
  expect(await api.bucketState('here')).toBe('exists');
  expect(await api.bucketState('gone')).toBe('missing');
  expect(await api.bucketState('theirs')).toBe('forbidden');
  await expect(api.bucketState('broken')).rejects.toThrow('InternalError');
});
