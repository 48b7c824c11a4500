import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandInput,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandInput,
  type ListObjectVersionsOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { s3VersionDeleteApi } from '../../../src/aws/s3-version-delete.ts';
import { s3VersionsApi } from '../../../src/aws/s3-versions.ts';
import { emptyBucket } from '../../../src/jobs/teardown/empty-bucket.ts';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

interface Entry {
  key: string;
  versionId: string;
  marker: boolean;
}

/** A versioned bucket behind ListObjectVersions (pages of up to MaxKeys, S3's markers) and DeleteObjects. */
function bucketOf(count: number, pageSize = 1000) {
  let entries: Entry[] = Array.from({ length: count }, (_, i) => ({
    key: `trips/${String(Math.floor(i / 2)).padStart(5, '0')}.csv`,
    versionId: `v${i}`,
    // Every other entry is a delete marker above an older version of the same key.
    marker: i % 2 === 0,
  }));
  const deletedKeys = new Set<string>();
  s3.on(ListObjectVersionsCommand).callsFake((input: ListObjectVersionsCommandInput): ListObjectVersionsOutput => {
    const start =
      input.KeyMarker === undefined
        ? 0
        : entries.findIndex((e) => e.key === input.KeyMarker && e.versionId === input.VersionIdMarker) + 1;
    const size = Math.min(pageSize, input.MaxKeys ?? 1000);
    const page = entries.slice(start, start + size);
    const last = page.at(-1);
    const truncated = start + size < entries.length;
    const when = new Date('2026-12-01T00:00:00Z');
    return {
      Versions: page.filter((e) => !e.marker).map((e) => ({ Key: e.key, VersionId: e.versionId, LastModified: when })),
      DeleteMarkers: page
        .filter((e) => e.marker)
        .map((e) => ({ Key: e.key, VersionId: e.versionId, LastModified: when })),
      IsTruncated: truncated,
      ...(truncated && last ? { NextKeyMarker: last.key, NextVersionIdMarker: last.versionId } : {}),
    };
  });
  return {
    entries: () => entries,
    deletedKeys,
    remove(input: DeleteObjectsCommandInput) {
      const gone = new Set((input.Delete?.Objects ?? []).map((o) => `${o.Key}@${o.VersionId}`));
      for (const id of gone) deletedKeys.add(id);
      entries = entries.filter((e) => !gone.has(`${e.key}@${e.versionId}`));
    },
  };
}

const client = () => new S3Client({ region: 'ap-northeast-2' });

describe('emptyBucket', () => {
  it('deletes 2,500 versions and delete markers in exactly 3 delete requests', async () => {
    const bucket = bucketOf(2500);
    s3.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) => {
      bucket.remove(input);
      return {};
    });
    const result = await emptyBucket(s3VersionsApi(client()), s3VersionDeleteApi(client()), 'b', {
      dryRun: false,
      sleep: async () => {},
    });
    const sizes = s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects?.length);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(result).toMatchObject({ versions: 1250, deleteMarkers: 1250, deleted: 2500, deleteRequests: 3, failed: [] });
    expect(bucket.deletedKeys.size).toBe(2500);
    expect(bucket.entries()).toEqual([]);
    expect(s3.commandCalls(DeleteObjectsCommand).every((c) => c.args[0].input.Delete?.Quiet === true)).toBe(true);
  });

  it('fills each request to 1,000 keys whatever the listing’s page size', async () => {
    const bucket = bucketOf(2500, 300);
    s3.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) => {
      bucket.remove(input);
      return {};
    });
    await emptyBucket(s3VersionsApi(client()), s3VersionDeleteApi(client()), 'b', {
      dryRun: false,
      sleep: async () => {},
    });
    expect(s3.commandCalls(ListObjectVersionsCommand)).toHaveLength(9);
    expect(s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects?.length)).toEqual([
      1000, 1000, 500,
    ]);
  });

  it('retries the keys a DeleteObjects answer lists as errors, with growing pauses, and only those', async () => {
    const bucket = bucketOf(1500);
    let attempt = 0;
    s3.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) => {
      attempt += 1;
      const objects = input.Delete?.Objects ?? [];
      // The first two attempts of the first batch fail two keys each; the rest go through.
      const failing = attempt <= 2 ? objects.slice(0, 2) : [];
      bucket.remove({ ...input, Delete: { Objects: objects.slice(failing.length) } });
      return {
        Errors: failing.map((o) => ({
          Key: o.Key,
          VersionId: o.VersionId,
          Code: 'InternalError',
          Message: 'try again',
        })),
      };
    });
    const sleeps: number[] = [];
    const result = await emptyBucket(s3VersionsApi(client()), s3VersionDeleteApi(client()), 'b', {
      dryRun: false,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects?.length)).toEqual([
      1000, 2, 2, 500,
    ]);
    expect(sleeps).toEqual([1000, 2000]);
    expect(result).toMatchObject({ deleted: 1500, failed: [] });
    expect(bucket.entries()).toEqual([]);
  });

  it('does not retry a permanent per-key error, and reports the keys left', async () => {
    const bucket = bucketOf(10);
    s3.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) => {
      const [first, ...rest] = input.Delete?.Objects ?? [];
      bucket.remove({ ...input, Delete: { Objects: rest } });
      return {
        Errors: [{ Key: first?.Key, VersionId: first?.VersionId, Code: 'AccessDenied', Message: 'MFA delete' }],
      };
    });
    const result = await emptyBucket(s3VersionsApi(client()), s3VersionDeleteApi(client()), 'b', {
      dryRun: false,
      sleep: async () => {},
    });
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(1);
    expect(result.deleted).toBe(9);
    // The listing puts the key's version before its delete marker (same time: the adapter's stable order).
    expect(result.failed).toEqual([
      { key: 'trips/00000.csv', versionId: 'v1', code: 'AccessDenied', message: 'MFA delete' },
    ]);
  });

  it('only counts on a dry run', async () => {
    bucketOf(2500);
    const result = await emptyBucket(s3VersionsApi(client()), s3VersionDeleteApi(client()), 'b', {
      dryRun: true,
      sleep: async () => {},
    });
    expect(result).toMatchObject({ versions: 1250, deleteMarkers: 1250, deleted: 0, deleteRequests: 0 });
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });
});
