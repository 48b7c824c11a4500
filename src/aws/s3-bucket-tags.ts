/**
 * Two bucket facts teardown decides on: the bucket's tags (nothing is emptied or deleted unless it carries both the
 * `managed-by` and the cohort tag) and whether its bucket policy makes it public (`GetBucketPolicyStatus`). A bucket
 * with no tags or no policy is an answer, not an error; a missing bucket throws BucketMissingError.
 */
import { GetBucketPolicyStatusCommand, GetBucketTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { isErrorNamed } from './errors.ts';
import { BucketMissingError } from './s3-replication.ts';

export interface S3BucketTagsApi {
  /** The bucket's tags; empty when it has none. */
  tags(bucket: string): Promise<Record<string, string>>;
  /** Whether the bucket policy grants public access; false when there is no policy. */
  policyIsPublic(bucket: string): Promise<boolean>;
}

async function guarded<T>(bucket: string, fallback: T, absentCodes: readonly string[], fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    if (isErrorNamed(error, 'NoSuchBucket')) throw new BucketMissingError(bucket);
    if (isErrorNamed(error, ...absentCodes)) return fallback;
    throw error;
  }
}

export function s3BucketTagsApi(client: S3Client): S3BucketTagsApi {
  return {
    tags(Bucket) {
      return guarded(Bucket, {}, ['NoSuchTagSet'], async () => {
        const out = await client.send(new GetBucketTaggingCommand({ Bucket }));
        const tags: Record<string, string> = {};
        for (const tag of out.TagSet ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
        return tags;
      });
    },
    policyIsPublic(Bucket) {
      return guarded(Bucket, false, ['NoSuchBucketPolicy'], async () => {
        const out = await client.send(new GetBucketPolicyStatusCommand({ Bucket }));
        return out.PolicyStatus?.IsPublic === true;
      });
    },
  };
}
