/**
 * Teardown's S3 deletions: object versions and delete markers removed by version id with `DeleteObjects` (at most
 * 1,000 per request, quiet mode, so the answer lists only the keys that failed), and the empty bucket itself.
 * Deleting by version id removes the version for good: nothing is left behind as a new delete marker.
 */
import { DeleteBucketCommand, DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { absentOn } from './absent-on.ts';

/** DeleteObjects accepts at most this many keys per request. */
export const MAX_DELETE_BATCH = 1000;

export interface VersionRef {
  readonly key: string;
  readonly versionId: string;
}

export interface VersionDeleteError extends VersionRef {
  /** S3's per-key error code: `InternalError`, `SlowDown`, `AccessDenied`, ... */
  readonly code: string;
  readonly message: string;
}

export interface S3VersionDeleteApi {
  /** Deletes the versions (at most 1,000); the keys S3 could not delete come back as errors, the rest are gone. */
  deleteVersions(bucket: string, versions: readonly VersionRef[]): Promise<VersionDeleteError[]>;
  /** Deletes an empty bucket; `absent` when it no longer exists. */
  deleteBucket(bucket: string): Promise<'deleted' | 'absent'>;
}

export function s3VersionDeleteApi(client: S3Client): S3VersionDeleteApi {
  return {
    async deleteVersions(Bucket, versions) {
      if (versions.length === 0) return [];
      if (versions.length > MAX_DELETE_BATCH) {
        throw new RangeError(`DeleteObjects takes at most ${MAX_DELETE_BATCH} keys, got ${versions.length}`);
      }
      const out = await client.send(
        new DeleteObjectsCommand({
          Bucket,
          Delete: { Quiet: true, Objects: versions.map((v) => ({ Key: v.key, VersionId: v.versionId })) },
        }),
      );
      return (out.Errors ?? []).map((e) => ({
        key: e.Key ?? '',
        versionId: e.VersionId ?? '',
        code: e.Code ?? 'Unknown',
        message: e.Message ?? '',
      }));
    },
    deleteBucket(Bucket) {
      return absentOn(['NoSuchBucket'], async () => {
        await client.send(new DeleteBucketCommand({ Bucket }));
        return 'deleted' as const;
      });
    },
  };
}
