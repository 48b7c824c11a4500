/**
 * The object half of the DR audit's health check, bounded whatever the bucket holds: at most `maxListPages` pages of
 * `ListObjectVersions` (S3 lists by key, not by date, so the newest of what those pages hold is taken, and the
 * report says when the listing was cut), then for the `sampleSize` most recently written versions a HEAD on the
 * source (replication status) and, for those S3 says are replicated, a HEAD of the same version on the replica
 * (same size, checksum, or ETag where it means anything, and the backup key). Requests per bucket are at most
 * `maxListPages + 2 × sampleSize`, however many objects the bucket has.
 */
import type { ObjectHead, ObjectVersionEntry, S3VersionsApi, VersionMarker } from '../../aws/s3-versions.ts';
import { mapLimit } from '../common/limit.ts';
import { type BackupKey, isBackupKey } from './backup-key.ts';
import type { BucketPair } from './bucket-pairs.ts';
import { type Finding, failure, warning } from './finding.ts';
import { RTC_TARGET_MINUTES, RTC_TARGET_SECONDS } from './replication-target.ts';

export interface SampleLimits {
  readonly sampleSize: number;
  readonly maxListPages: number;
  /** HEAD requests in flight at once per bucket. */
  readonly concurrency: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = { sampleSize: 50, maxListPages: 5, concurrency: 8 };

export interface RecentVersions {
  /** Newest first, at most `sampleSize`. */
  readonly entries: readonly ObjectVersionEntry[];
  readonly listedVersions: number;
  readonly pages: number;
  /** The listing stopped at `maxListPages` with more to read. */
  readonly truncated: boolean;
}

const newestFirst = (a: ObjectVersionEntry, b: ObjectVersionEntry) =>
  b.lastModified.getTime() - a.lastModified.getTime();

/** The most recently written object versions (delete markers have no content to check) within the page bound. */
export async function recentVersions(
  api: S3VersionsApi,
  bucket: string,
  limits: SampleLimits,
): Promise<RecentVersions> {
  let kept: ObjectVersionEntry[] = [];
  let listed = 0;
  let pages = 0;
  let after: VersionMarker | undefined;
  do {
    const page = await api.listVersionsPage(bucket, after === undefined ? {} : { after });
    pages += 1;
    const versions = page.entries.filter((e) => !e.isDeleteMarker);
    listed += versions.length;
    // Only the newest `sampleSize` are kept between pages, so memory stays bounded too.
    kept = [...kept, ...versions].sort(newestFirst).slice(0, limits.sampleSize);
    after = page.next;
  } while (after !== undefined && pages < limits.maxListPages);
  return { entries: kept, listedVersions: listed, pages, truncated: after !== undefined };
}

export type Verdict =
  | 'replicated'
  | 'pending'
  | 'failed'
  | 'not-replicated'
  | 'missing-in-replica'
  | 'mismatch'
  | 'gone';

export interface SampledObject {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: string;
  readonly verdict: Verdict;
  /** How the replica was compared: a stored checksum, the ETag, or only the size. */
  readonly verifiedBy?: 'checksum' | 'etag' | 'size';
  readonly detail?: string;
}

/** Verdicts of objects not (yet) safe in the backup region: what the recovery point is measured on. */
const OUTSTANDING: ReadonlySet<Verdict> = new Set(['pending', 'failed', 'not-replicated', 'missing-in-replica']);

const isKms = (head: ObjectHead) => head.serverSideEncryption?.startsWith('aws:kms') === true;

type Comparison = Pick<SampledObject, 'verdict' | 'verifiedBy' | 'detail'>;

/** The replica of a version S3 reports COMPLETED, against its source. */
export function compareReplica(source: ObjectHead, replica: ObjectHead | undefined, key: BackupKey): Comparison {
  if (replica === undefined)
    return { verdict: 'missing-in-replica', detail: 'S3 says COMPLETED, but the replica has no such version' };
  if (isKms(replica) && isBackupKey(replica.kmsKeyId, key) === false) {
    return {
      verdict: 'mismatch',
      detail: `the replica is encrypted with ${replica.kmsKeyId ?? 'an unknown key'}, not the backup key`,
    };
  }
  if (replica.size !== source.size) {
    return { verdict: 'mismatch', detail: `size ${replica.size} in the replica, ${source.size} in the source` };
  }
  const common = Object.keys(source.checksums).filter((a) => replica.checksums[a] !== undefined);
  if (common.length > 0) {
    const differing = common.filter((a) => source.checksums[a] !== replica.checksums[a]);
    if (differing.length > 0) return { verdict: 'mismatch', detail: `${differing.join(', ')} checksum differs` };
    return { verdict: 'replicated', verifiedBy: 'checksum' };
  }
  // The ETag of an SSE-KMS object is not a digest of its content, and the replica is encrypted with another key.
  if (!isKms(source) && !isKms(replica) && source.etag !== undefined && replica.etag !== undefined) {
    if (source.etag !== replica.etag) return { verdict: 'mismatch', detail: 'ETag differs' };
    return { verdict: 'replicated', verifiedBy: 'etag' };
  }
  return { verdict: 'replicated', verifiedBy: 'size' };
}

export interface SampleApis {
  readonly source: S3VersionsApi;
  readonly replica: S3VersionsApi;
}

async function checkOne(
  apis: SampleApis,
  pair: BucketPair,
  entry: ObjectVersionEntry,
  key: BackupKey,
): Promise<SampledObject> {
  const base = { key: entry.key, versionId: entry.versionId, lastModified: entry.lastModified.toISOString() };
  const source = await apis.source.headVersion(pair.source, entry.key, entry.versionId);
  if (source === undefined) return { ...base, verdict: 'gone', detail: 'deleted since it was listed' };
  switch (source.replicationStatus) {
    case 'COMPLETED': {
      const replica = await apis.replica.headVersion(pair.replica, entry.key, entry.versionId);
      return { ...base, ...compareReplica(source, replica, key) };
    }
    case 'PENDING':
      return { ...base, verdict: 'pending' };
    case 'FAILED':
      return { ...base, verdict: 'failed' };
    case undefined:
      return {
        ...base,
        verdict: 'not-replicated',
        detail: 'no replication status: written before the rule existed, or no rule selects it',
      };
    default:
      return { ...base, verdict: 'not-replicated', detail: `replication status ${source.replicationStatus}` };
  }
}

export interface BucketSample {
  readonly role: BucketPair['role'];
  readonly listedVersions: number;
  readonly listPages: number;
  readonly truncated: boolean;
  readonly objects: readonly SampledObject[];
  /** Age in seconds of the oldest sampled object not safe in the replica; 0 when every sampled one is. */
  readonly recoveryPointAgeSeconds?: number;
}

export async function sampleBucket(
  apis: SampleApis,
  pair: BucketPair,
  key: BackupKey,
  limits: SampleLimits,
  now: Date,
): Promise<BucketSample> {
  const recent = await recentVersions(apis.source, pair.source, limits);
  const objects = await mapLimit(recent.entries, limits.concurrency, (entry) => checkOne(apis, pair, entry, key));
  const outstanding = objects.filter((o) => OUTSTANDING.has(o.verdict));
  const oldest = Math.min(...outstanding.map((o) => Date.parse(o.lastModified)));
  return {
    role: pair.role,
    listedVersions: recent.listedVersions,
    listPages: recent.pages,
    truncated: recent.truncated,
    objects,
    ...(objects.length === 0
      ? {}
      : {
          recoveryPointAgeSeconds:
            outstanding.length === 0 ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
        }),
  };
}

const SHOWN_KEYS = 5;

function listKeys(objects: readonly SampledObject[]): string {
  const shown = objects.slice(0, SHOWN_KEYS).map((o) => `${o.key} (${o.versionId})${o.detail ? `: ${o.detail}` : ''}`);
  const more = objects.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

export function sampleFindings(pair: BucketPair, sample: BucketSample, now: Date): Finding[] {
  const of = (verdict: Verdict) => sample.objects.filter((o) => o.verdict === verdict);
  const findings: Finding[] = [];
  const add = (verdict: Verdict, text: (n: number) => string) => {
    const objects = of(verdict);
    if (objects.length > 0) {
      findings.push(failure(`sample:${pair.role}:${verdict}`, text(objects.length), listKeys(objects)));
    }
  };
  add('failed', (n) => `${n} recently written object(s) of ${pair.source} FAILED to replicate`);
  add('not-replicated', (n) => `${n} recently written object(s) of ${pair.source} are not being replicated`);
  add('missing-in-replica', (n) => `${n} object(s) of ${pair.source} marked replicated are missing in ${pair.replica}`);
  add('mismatch', (n) => `${n} replica(s) in ${pair.replica} differ from their source`);
  const late = of('pending').filter((o) => now.getTime() - Date.parse(o.lastModified) > RTC_TARGET_SECONDS * 1000);
  if (late.length > 0) {
    findings.push(
      warning(
        `sample:${pair.role}:late`,
        `${late.length} object(s) of ${pair.source} are still pending after the ${RTC_TARGET_MINUTES}-minute target`,
        listKeys(late),
      ),
    );
  }
  return findings;
}
