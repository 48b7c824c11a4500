/**
 * Removes every version and delete marker of one canary key from one bucket, and nothing else: the listing is by
 * the key as prefix, only entries whose key is exactly the canary's are kept, and they are deleted by version id
 * (permanent, and not replicated, so each side is cleaned on its own).
 */

import type { S3CanaryApi } from '../../aws/s3-canary.ts';
import type { S3VersionDeleteApi, VersionRef } from '../../aws/s3-version-delete.ts';
import type { S3VersionsApi, VersionMarker } from '../../aws/s3-versions.ts';
import { assertCanaryKey } from './canary.ts';

/** A canary has a handful of versions at most; this bounds a runaway listing. */
const MAX_PAGES = 5;

export interface CanaryBucketApis {
  readonly versions: S3VersionsApi;
  readonly canary: S3CanaryApi;
  /** Only version deletes: the drill never deletes a bucket. */
  readonly delete: Pick<S3VersionDeleteApi, 'deleteVersions'>;
}

/** Number of versions and delete markers removed. */
export async function removeCanary(apis: CanaryBucketApis, bucket: string, key: string): Promise<number> {
  assertCanaryKey(key);
  const refs: VersionRef[] = [];
  let after: VersionMarker | undefined;
  let pages = 0;
  do {
    const page = await apis.versions.listVersionsPage(bucket, {
      prefix: key,
      ...(after === undefined ? {} : { after }),
    });
    for (const entry of page.entries) if (entry.key === key) refs.push({ key, versionId: entry.versionId });
    after = page.next;
    pages += 1;
  } while (after !== undefined && pages < MAX_PAGES);
  if (refs.length === 0) return 0;
  const errors = await apis.delete.deleteVersions(bucket, refs);
  if (errors.length > 0) {
    throw new Error(errors.map((e) => `version ${e.versionId}: ${e.code} ${e.message}`.trim()).join('; '));
  }
  return refs.length;
}
