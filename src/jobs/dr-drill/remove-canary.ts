/**
 * Removes every version and delete marker of one canary key from one bucket, and nothing else: the listing is by
 * the key as prefix, only entries whose key is exactly the canary's are deleted, one version-specific delete each
 * (permanent, and not replicated, so each side is cleaned on its own).
 */
import type { S3CanaryApi } from '../../aws/s3-canary.ts';
import type { S3VersionsApi, VersionMarker } from '../../aws/s3-versions.ts';
import { assertCanaryKey } from './canary.ts';

/** A canary has a handful of versions at most; this bounds a runaway listing. */
const MAX_PAGES = 5;

export interface CanaryBucketApis {
  readonly versions: S3VersionsApi;
  readonly canary: S3CanaryApi;
}

/** Number of versions and delete markers removed. */
export async function removeCanary(apis: CanaryBucketApis, bucket: string, key: string): Promise<number> {
  assertCanaryKey(key);
  let removed = 0;
  let after: VersionMarker | undefined;
  let pages = 0;
  do {
    const page = await apis.versions.listVersionsPage(bucket, { prefix: key, ...(after === undefined ? {} : { after }) });
    for (const entry of page.entries) {
      if (entry.key !== key) continue;
      await apis.canary.deleteVersion(bucket, key, entry.versionId);
      removed += 1;
    }
    after = page.next;
    pages += 1;
  } while (after !== undefined && pages < MAX_PAGES);
  return removed;
}
