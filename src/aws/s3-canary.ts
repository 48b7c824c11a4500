/**
 * The DR drill's object operations: write a small canary with a SHA-256 checksum S3 verifies and stores, and read a
 * version back as bytes. (Its removal goes through s3-version-delete.ts: version-specific deletes, which are
 * permanent and not replicated, so the drill cleans each side itself.)
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { httpStatusOf, isErrorNamed } from './errors.ts';

export interface PutCanaryResult {
  readonly versionId: string;
  /** Base64 SHA-256 as S3 stored it. */
  readonly sha256?: string;
}

export interface S3CanaryApi {
  put(bucket: string, key: string, body: string, sha256: string): Promise<PutCanaryResult>;
  /** The version's bytes, or undefined when it does not exist (yet). */
  get(bucket: string, key: string, versionId: string): Promise<Uint8Array | undefined>;
}

export function s3CanaryApi(client: S3Client): S3CanaryApi {
  return {
    async put(Bucket, Key, body, sha256) {
      const out = await client.send(
        new PutObjectCommand({
          Bucket,
          Key,
          Body: body,
          ContentType: 'application/json',
          // Given, the checksum is checked by S3 on arrival and kept with the object (and its replica).
          ChecksumSHA256: sha256,
        }),
      );
      if (out.VersionId === undefined) throw new Error(`s3://${Bucket} returned no version id: is versioning on?`);
      return { versionId: out.VersionId, ...(out.ChecksumSHA256 === undefined ? {} : { sha256: out.ChecksumSHA256 }) };
    },
    async get(Bucket, Key, VersionId) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key, VersionId }));
        return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
      } catch (error) {
        if (isErrorNamed(error, 'NoSuchKey', 'NoSuchVersion', 'NotFound') || httpStatusOf(error) === 404) {
          return undefined;
        }
        throw error;
      }
    },
  };
}
