/** Whether a bucket exists and the caller may use it (`HeadBucket`): the bootstrap stack's state bucket. */
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { httpStatusOf, isErrorNamed } from './errors.ts';

/** `forbidden`: it exists, but in another account or beyond the caller's permissions. */
export type BucketState = 'exists' | 'missing' | 'forbidden';

export interface S3BucketExistsApi {
  bucketState(bucket: string): Promise<BucketState>;
}

export function s3BucketExistsApi(client: S3Client): S3BucketExistsApi {
  return {
    async bucketState(Bucket) {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return 'exists';
      } catch (error) {
        // HEAD answers carry no body: only the status tells a missing bucket from a foreign one.
        if (isErrorNamed(error, 'NotFound', 'NoSuchBucket') || httpStatusOf(error) === 404) return 'missing';
        if (httpStatusOf(error) === 403) return 'forbidden';
        throw error;
      }
    },
  };
}
