/**
 * Object versions of a versioned bucket, read only: one page of `ListObjectVersions` at a time (the caller bounds how
 * many), versions and delete markers merged in S3's order (by key, newest first within a key), and `HeadObject` of
 * one version with its replication status, checksums and encryption. A version that does not exist is `undefined`.
 */
import {
  HeadObjectCommand,
  type HeadObjectOutput,
  ListObjectVersionsCommand,
  type ListObjectVersionsOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { httpStatusOf, isErrorNamed } from './errors.ts';
import { optional } from './optional-field.ts';

/** ListObjectVersions returns at most this many entries per page. */
export const MAX_KEYS_PER_PAGE = 1000;

export interface ObjectVersionEntry {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: Date;
  readonly isLatest: boolean;
  readonly isDeleteMarker: boolean;
  /** Versions only. */
  readonly size?: number;
  readonly etag?: string;
  readonly storageClass?: string;
}

export interface VersionMarker {
  readonly keyMarker: string;
  readonly versionIdMarker?: string;
}

export interface VersionPage {
  readonly entries: readonly ObjectVersionEntry[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: VersionMarker;
}

export interface ListVersionsRequest {
  readonly prefix?: string;
  readonly after?: VersionMarker;
  readonly maxKeys?: number;
}

/** Checksum algorithm (`CRC32`, `CRC32C`, `CRC64NVME`, `SHA1`, `SHA256`) → base64 value. */
export type Checksums = Readonly<Record<string, string>>;

export interface ObjectHead {
  readonly versionId?: string;
  readonly size: number;
  readonly etag?: string;
  readonly lastModified?: Date;
  /** `COMPLETED`, `PENDING`, `FAILED` on a source, `REPLICA` on a replica; absent when no rule applied. */
  readonly replicationStatus?: string;
  readonly checksums: Checksums;
  /** `aws:kms`, `aws:kms:dsse`, `AES256`. */
  readonly serverSideEncryption?: string;
  readonly kmsKeyId?: string;
}

export interface S3VersionsApi {
  listVersionsPage(bucket: string, request: ListVersionsRequest): Promise<VersionPage>;
  /** HEAD of one version (the latest when `versionId` is absent), checksums included; undefined when absent. */
  headVersion(bucket: string, key: string, versionId?: string): Promise<ObjectHead | undefined>;
}

/** The page's versions and delete markers in S3's listing order: by key, then newest first. */
export function pageEntries(out: ListObjectVersionsOutput): ObjectVersionEntry[] {
  const entries: ObjectVersionEntry[] = [];
  for (const v of out.Versions ?? []) {
    if (v.Key === undefined || v.LastModified === undefined) continue;
    entries.push({
      key: v.Key,
      versionId: v.VersionId ?? 'null',
      lastModified: v.LastModified,
      isLatest: v.IsLatest === true,
      isDeleteMarker: false,
      ...optional('size', v.Size),
      ...optional('etag', v.ETag),
      ...optional('storageClass', v.StorageClass),
    });
  }
  for (const m of out.DeleteMarkers ?? []) {
    if (m.Key === undefined || m.LastModified === undefined) continue;
    entries.push({
      key: m.Key,
      versionId: m.VersionId ?? 'null',
      lastModified: m.LastModified,
      isLatest: m.IsLatest === true,
      isDeleteMarker: true,
    });
  }
  // S3 returns the two lists apart; within a key the newest comes first, ties kept in list order (stable sort).
  return entries.sort((a, b) =>
    a.key === b.key ? b.lastModified.getTime() - a.lastModified.getTime() : a.key < b.key ? -1 : 1,
  );
}

const CHECKSUM_FIELDS = [
  ['CRC32', 'ChecksumCRC32'],
  ['CRC32C', 'ChecksumCRC32C'],
  ['CRC64NVME', 'ChecksumCRC64NVME'],
  ['SHA1', 'ChecksumSHA1'],
  ['SHA256', 'ChecksumSHA256'],
] as const;

export function checksumsOf(out: Pick<HeadObjectOutput, (typeof CHECKSUM_FIELDS)[number][1]>): Checksums {
  const checksums: Record<string, string> = {};
  for (const [algorithm, field] of CHECKSUM_FIELDS) {
    const value = out[field];
    if (value !== undefined && value !== '') checksums[algorithm] = value;
  }
  return checksums;
}

export function s3VersionsApi(client: S3Client): S3VersionsApi {
  return {
    async listVersionsPage(Bucket, request) {
      const out = await client.send(
        new ListObjectVersionsCommand({
          Bucket,
          MaxKeys: request.maxKeys ?? MAX_KEYS_PER_PAGE,
          ...optional('Prefix', request.prefix === '' ? undefined : request.prefix),
          ...optional('KeyMarker', request.after?.keyMarker),
          ...optional('VersionIdMarker', request.after?.versionIdMarker),
        }),
      );
      const keyMarker = out.NextKeyMarker;
      const more = out.IsTruncated === true && keyMarker !== undefined;
      return {
        entries: pageEntries(out),
        ...(more ? { next: { keyMarker, ...optional('versionIdMarker', out.NextVersionIdMarker) } } : {}),
      };
    },
    async headVersion(Bucket, Key, VersionId) {
      let out: HeadObjectOutput;
      try {
        out = await client.send(
          new HeadObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED', ...optional('VersionId', VersionId) }),
        );
      } catch (error) {
        // HEAD answers carry no body: a missing version is a bare 404 ("NotFound").
        if (isErrorNamed(error, 'NotFound', 'NoSuchKey', 'NoSuchVersion') || httpStatusOf(error) === 404) {
          return undefined;
        }
        throw error;
      }
      return {
        size: out.ContentLength ?? 0,
        checksums: checksumsOf(out),
        ...optional('versionId', out.VersionId),
        ...optional('etag', out.ETag),
        ...optional('lastModified', out.LastModified),
        ...optional('replicationStatus', out.ReplicationStatus),
        ...optional('serverSideEncryption', out.ServerSideEncryption),
        ...optional('kmsKeyId', out.SSEKMSKeyId),
      };
    },
  };
}
