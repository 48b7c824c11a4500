/**
 * An in-memory S3 for the DR jobs: buckets with settings, object versions and heads, every request counted. A
 * bucket may be virtual: `objectCount` versions generated on demand, so a million-object bucket costs no memory.
 */
import type {
  MetricPoint,
  ReplicationMetricQuery,
  ReplicationMetricsApi,
} from '../../../src/aws/cloudwatch-replication.ts';
import {
  type BucketEncryption,
  BucketMissingError,
  type BucketReplication,
  type PublicAccessBlock,
  type S3BucketSettingsApi,
} from '../../../src/aws/s3-replication.ts';
import type {
  ListVersionsRequest,
  ObjectHead,
  ObjectVersionEntry,
  S3VersionsApi,
  VersionPage,
} from '../../../src/aws/s3-versions.ts';
import type { TaggedResource, TaggedResourcesApi } from '../../../src/aws/tagged-resources.ts';
import { REPLICATION_RULE_ID, RTC_TARGET_MINUTES } from '../../../src/jobs/dr-audit/replication-target.ts';

export const ACCOUNT = '123456789012';
export const BACKUP_KEY = `arn:aws:kms:ap-southeast-1:${ACCOUNT}:key/bbbbbbbb-0000-4000-8000-000000000002`;

export interface FakeBucket {
  replication?: BucketReplication;
  versioning: string;
  mfaDelete: string;
  encryption?: BucketEncryption;
  publicAccess?: PublicAccessBlock;
  /** Real versions (newest first within a key is not required: the fake sorts pages like S3). */
  versions: ObjectVersionEntry[];
  /** `key|versionId` → HEAD answer. */
  heads: Map<string, ObjectHead>;
  /** Generated versions instead of `versions`: `data/0000000.csv` … with versions `v0` …. */
  objectCount?: number;
}

export function healthyReplication(replica: string, key = BACKUP_KEY): BucketReplication {
  return {
    role: `arn:aws:iam::${ACCOUNT}:role/workshops/x/replication`,
    rules: [
      {
        id: REPLICATION_RULE_ID,
        status: 'Enabled',
        priority: 1,
        prefix: '',
        filtersOnTags: false,
        destinationBucketArn: `arn:aws:s3:::${replica}`,
        replicaKmsKeyId: key,
        deleteMarkerReplication: 'Enabled',
        sseKmsEncryptedObjects: 'Enabled',
        replicationTime: { status: 'Enabled', minutes: RTC_TARGET_MINUTES },
        metrics: { status: 'Enabled', minutes: RTC_TARGET_MINUTES },
      },
    ],
  };
}

export function emptyBucket(over: Partial<FakeBucket> = {}): FakeBucket {
  return { versioning: 'Enabled', mfaDelete: 'Disabled', versions: [], heads: new Map(), ...over };
}

export function replicaBucket(over: Partial<FakeBucket> = {}): FakeBucket {
  return emptyBucket({
    encryption: { algorithm: 'aws:kms', kmsKeyId: BACKUP_KEY, bucketKeyEnabled: true },
    publicAccess: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    ...over,
  });
}

const PAGE = 1000;
const EPOCH = Date.parse('2026-12-01T00:00:00Z');

function virtualEntry(i: number): ObjectVersionEntry {
  return {
    key: `data/${String(i).padStart(7, '0')}.csv`,
    versionId: `v${i}`,
    lastModified: new Date(EPOCH + i * 1000),
    isLatest: true,
    isDeleteMarker: false,
    size: 100,
  };
}

export class FakeS3 implements S3BucketSettingsApi, S3VersionsApi {
  readonly buckets = new Map<string, FakeBucket>();
  /** `Operation bucket` per request. */
  readonly calls: string[] = [];
  /** Requests that throw, by operation name, once each. */
  readonly failures = new Map<string, Error>();

  private bucket(op: string, name: string): FakeBucket {
    this.calls.push(`${op} ${name}`);
    const failure = this.failures.get(op);
    if (failure !== undefined) throw failure;
    const bucket = this.buckets.get(name);
    if (bucket === undefined) throw new BucketMissingError(name);
    return bucket;
  }

  count(op: string, bucket?: string): number {
    return this.calls.filter((c) => c === `${op} ${bucket}` || (bucket === undefined && c.startsWith(`${op} `))).length;
  }

  async replication(name: string) {
    return this.bucket('GetBucketReplication', name).replication;
  }
  async versioning(name: string) {
    const b = this.bucket('GetBucketVersioning', name);
    return { status: b.versioning, mfaDelete: b.mfaDelete };
  }
  async encryption(name: string) {
    return this.bucket('GetBucketEncryption', name).encryption;
  }
  async publicAccessBlock(name: string) {
    return this.bucket('GetPublicAccessBlock', name).publicAccess;
  }

  async listVersionsPage(name: string, request: ListVersionsRequest): Promise<VersionPage> {
    const b = this.bucket('ListObjectVersions', name);
    const max = Math.min(request.maxKeys ?? PAGE, PAGE);
    const after = request.after?.keyMarker;
    if (b.objectCount !== undefined) {
      const start = after === undefined ? 0 : Number(after.slice(5, 12)) + 1;
      const end = Math.min(b.objectCount, start + max);
      const entries = Array.from({ length: end - start }, (_, i) => virtualEntry(start + i));
      const last = entries.at(-1);
      return end < b.objectCount && last
        ? { entries, next: { keyMarker: last.key, versionIdMarker: last.versionId } }
        : { entries };
    }
    const sorted = b.versions
      .filter((v) => v.key.startsWith(request.prefix ?? ''))
      .sort((x, y) => (x.key === y.key ? y.lastModified.getTime() - x.lastModified.getTime() : x.key < y.key ? -1 : 1));
    const from =
      after === undefined
        ? 0
        : sorted.findIndex((v) => v.key === after && v.versionId === request.after?.versionIdMarker) + 1;
    const entries = sorted.slice(from, from + max);
    const last = entries.at(-1);
    return from + max < sorted.length && last
      ? { entries, next: { keyMarker: last.key, versionIdMarker: last.versionId } }
      : { entries };
  }

  async headVersion(name: string, key: string, versionId?: string): Promise<ObjectHead | undefined> {
    const b = this.bucket('HeadObject', name);
    if (b.objectCount !== undefined) {
      return {
        versionId: versionId ?? '',
        size: 100,
        replicationStatus: 'COMPLETED',
        checksums: { CRC64NVME: `c-${key}` },
      };
    }
    return b.heads.get(`${key}|${versionId ?? ''}`);
  }
}

/** An object written to `source` and (as `replicated`) to `replica`, with matching heads. */
export function putObject(
  s3: FakeS3,
  where: { source: string; replica: string },
  key: string,
  versionId: string,
  at: Date,
  status: 'COMPLETED' | 'PENDING' | 'FAILED' | 'none',
  replicaOverride: Partial<ObjectHead> | 'missing' = {},
): void {
  const source = s3.buckets.get(where.source);
  const replica = s3.buckets.get(where.replica);
  if (source === undefined || replica === undefined) throw new Error('put into a bucket the test did not create');
  source.versions.push({ key, versionId, lastModified: at, isLatest: true, isDeleteMarker: false, size: 42 });
  const base = { versionId, size: 42, checksums: { CRC64NVME: `crc-${key}` }, serverSideEncryption: 'aws:kms' };
  source.heads.set(`${key}|${versionId}`, {
    ...base,
    kmsKeyId: `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/primary`,
    ...(status === 'none' ? {} : { replicationStatus: status }),
  });
  if (status === 'COMPLETED' && replicaOverride !== 'missing') {
    replica.versions.push({ key, versionId, lastModified: at, isLatest: true, isDeleteMarker: false, size: 42 });
    replica.heads.set(`${key}|${versionId}`, {
      ...base,
      kmsKeyId: BACKUP_KEY,
      replicationStatus: 'REPLICA',
      ...replicaOverride,
    });
  }
}

export class FakeMetrics implements ReplicationMetricsApi {
  readonly requests: ReplicationMetricQuery[][] = [];
  /** Metric name + source bucket → points, newest first. */
  readonly series = new Map<string, MetricPoint[]>();

  async read(queries: readonly ReplicationMetricQuery[]) {
    this.requests.push([...queries]);
    const out = new Map<string, MetricPoint[]>();
    for (const q of queries) {
      const points = this.series.get(`${q.metric} ${q.series.sourceBucket}`);
      if (points !== undefined) out.set(q.id, points);
    }
    return out;
  }
}

export class FakeTagged implements TaggedResourcesApi {
  readonly asked: Record<string, string>[] = [];
  constructor(readonly found: TaggedResource[]) {}
  async resources(tags: Readonly<Record<string, string>>) {
    this.asked.push({ ...tags });
    return this.found;
  }
}
