/**
 * Point-in-time restore's only write: copy an older version of an object over itself, so that version becomes the
 * latest again (undeleting a key whose latest entry is a delete marker, or reverting a newer version). Nothing is
 * ever deleted: every version and delete marker stays, and the copy is a new version on top. Metadata and tags are
 * copied from the source version; the bucket's default encryption applies to the new version.
 */
import { CopyObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** CopyObject copies at most 5 GiB in one request; larger objects need a multipart copy. */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;

export interface S3VersionCopyApi {
  /** Copies `versionId` of `key` over the key; returns the new latest version's id. */
  copyVersionOver(bucket: string, key: string, versionId: string): Promise<{ versionId?: string }>;
}

/** `bucket/key?versionId=…` with the key URL-encoded segment by segment, as `x-amz-copy-source` wants it. */
export function copySource(bucket: string, key: string, versionId: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  return `${bucket}/${path}?versionId=${encodeURIComponent(versionId)}`;
}

export function s3VersionCopyApi(client: S3Client): S3VersionCopyApi {
  return {
    async copyVersionOver(Bucket, Key, versionId) {
      const out = await client.send(
        new CopyObjectCommand({
          Bucket,
          Key,
          CopySource: copySource(Bucket, Key, versionId),
          MetadataDirective: 'COPY',
          TaggingDirective: 'COPY',
        }),
      );
      return out.VersionId === undefined ? {} : { versionId: out.VersionId };
    },
  };
}
