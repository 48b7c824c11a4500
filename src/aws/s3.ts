/** The S3 operations the jobs need: small text objects read with their ETag, conditional writes, paged listings. */
import { GetObjectCommand, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { httpStatusOf, isErrorNamed } from './errors.ts';

export interface S3TextObject {
  readonly body: string;
  readonly etag: string;
}

export interface PutOptions {
  /** Write only if the object still has this ETag (it was not changed since it was read). */
  readonly ifMatch?: string;
  /** `*`: write only if no object exists under the key yet. */
  readonly ifNoneMatch?: '*';
  readonly contentType?: string;
}

export interface S3ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: Date;
}

export interface S3Api {
  /** The object as text, or undefined when there is none. */
  getText(bucket: string, key: string): Promise<S3TextObject | undefined>;
  /** Throws WriteConflictError when a condition does not hold. */
  putText(bucket: string, key: string, body: string, options?: PutOptions): Promise<{ etag: string }>;
  /** Every object under the prefix, all pages. */
  list(bucket: string, prefix: string): Promise<S3ObjectSummary[]>;
}

/** A conditional write found the object changed (or created) by someone else since it was read. */
export class WriteConflictError extends Error {
  override readonly name = 'WriteConflictError';
}

export function s3Api(client: S3Client): S3Api {
  return {
    async getText(bucket, key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const body = (await out.Body?.transformToString('utf8')) ?? '';
        return { body, etag: out.ETag ?? '' };
      } catch (error) {
        if (isErrorNamed(error, 'NoSuchKey', 'NotFound')) return undefined;
        throw error;
      }
    },
    async putText(bucket, key, body, options = {}) {
      try {
        const out = await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType ?? 'application/json',
            ...(options.ifMatch === undefined ? {} : { IfMatch: options.ifMatch }),
            ...(options.ifNoneMatch === undefined ? {} : { IfNoneMatch: options.ifNoneMatch }),
          }),
        );
        return { etag: out.ETag ?? '' };
      } catch (error) {
        // 412: the condition failed; 409: another conditional write to the key was in flight at the same time.
        const status = httpStatusOf(error);
        if (
          status === 412 ||
          status === 409 ||
          isErrorNamed(error, 'PreconditionFailed', 'ConditionalRequestConflict')
        ) {
          throw new WriteConflictError(`s3://${bucket}/${key} was changed by another run since it was read`);
        }
        throw error;
      }
    },
    async list(bucket, prefix) {
      const out: S3ObjectSummary[] = [];
      for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
        for (const item of page.Contents ?? []) {
          if (item.Key === undefined) continue;
          out.push({
            key: item.Key,
            size: item.Size ?? 0,
            ...(item.LastModified === undefined ? {} : { lastModified: item.LastModified }),
          });
        }
      }
      return out;
    },
  };
}
