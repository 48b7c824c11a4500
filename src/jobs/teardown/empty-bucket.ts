/**
 * Empties a versioned bucket: every object version and every delete marker, read page by page
 * (`ListObjectVersions`) and deleted by version id in requests of up to 1,000 keys (`DeleteObjects`). Keys S3
 * reports as not deleted are retried with growing pauses; a permanent error (access denied, MFA delete) is not. The
 * number of list and delete requests grows with the number of versions / 1,000, never with retries of the whole
 * bucket. A dry run only counts.
 */
import {
  MAX_DELETE_BATCH,
  type S3VersionDeleteApi,
  type VersionDeleteError,
  type VersionRef,
} from '../../aws/s3-version-delete.ts';
import type { S3VersionsApi, VersionMarker } from '../../aws/s3-versions.ts';
import type { Sleep } from '../common/job-context.ts';

export interface EmptyResult {
  readonly bucket: string;
  readonly versions: number;
  readonly deleteMarkers: number;
  /** Versions and delete markers deleted (0 on a dry run). */
  readonly deleted: number;
  readonly deleteRequests: number;
  /** Keys left after the retries, with S3's reason. */
  readonly failed: readonly VersionDeleteError[];
}

export interface EmptyOptions {
  readonly dryRun: boolean;
  readonly sleep: Sleep;
  /** Deletion attempts per key (default 4). */
  readonly attempts?: number;
  /** First pause before a retry (default 1 s), doubling each time. */
  readonly retryDelayMs?: number;
}

/** Per-key errors worth retrying: S3 asks to slow down or failed internally. */
const RETRYABLE = new Set(['InternalError', 'SlowDown', 'ServiceUnavailable', 'OperationAborted', 'RequestTimeout']);

export async function emptyBucket(
  list: S3VersionsApi,
  remove: S3VersionDeleteApi,
  bucket: string,
  options: EmptyOptions,
): Promise<EmptyResult> {
  const attempts = options.attempts ?? 4;
  const firstDelay = options.retryDelayMs ?? 1000;
  let versions = 0;
  let deleteMarkers = 0;
  let deleted = 0;
  let deleteRequests = 0;
  const failed: VersionDeleteError[] = [];
  let pending: VersionRef[] = [];

  const flush = async (batch: VersionRef[]) => {
    let left = batch;
    for (let attempt = 1; left.length > 0; attempt++) {
      deleteRequests += 1;
      const errors = await remove.deleteVersions(bucket, left);
      deleted += left.length - errors.length;
      const retry = errors.filter((e) => RETRYABLE.has(e.code));
      failed.push(...errors.filter((e) => !RETRYABLE.has(e.code)));
      if (retry.length === 0) return;
      if (attempt >= attempts) {
        failed.push(...retry);
        return;
      }
      await options.sleep(firstDelay * 2 ** (attempt - 1));
      left = retry.map(({ key, versionId }) => ({ key, versionId }));
    }
  };

  let after: VersionMarker | undefined;
  do {
    const page = await list.listVersionsPage(bucket, after === undefined ? {} : { after });
    for (const entry of page.entries) {
      if (entry.isDeleteMarker) deleteMarkers += 1;
      else versions += 1;
      if (!options.dryRun) pending.push({ key: entry.key, versionId: entry.versionId });
    }
    // Deleting behind the listing is safe: the next page starts after the marker, whatever was deleted before it.
    while (pending.length >= MAX_DELETE_BATCH) await flush(pending.splice(0, MAX_DELETE_BATCH));
    after = page.next;
  } while (after !== undefined);
  if (pending.length > 0) {
    await flush(pending);
    pending = [];
  }
  return { bucket, versions, deleteMarkers, deleted, deleteRequests, failed };
}
