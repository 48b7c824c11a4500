/**
 * Two buckets and the replication between them, in memory and on the test's clock: an object written to the source
 * appears in the replica `delayMs` later (never, with Infinity), as the same version with the same checksum (or a
 * corrupted body, to test the comparison). Every delete is recorded.
 */
import type { PutCanaryResult, S3CanaryApi } from '../../../src/aws/s3-canary.ts';
import type { S3VersionDeleteApi, VersionRef } from '../../../src/aws/s3-version-delete.ts';
import type { ListVersionsRequest, ObjectHead, S3VersionsApi, VersionPage } from '../../../src/aws/s3-versions.ts';
import { sha256Base64 } from '../../../src/jobs/dr-drill/canary.ts';

interface StoredVersion {
  readonly key: string;
  readonly versionId: string;
  readonly body: string;
  readonly lastModified: Date;
  readonly sha256?: string;
}

export class ReplicatedBuckets implements S3VersionsApi, S3CanaryApi, Pick<S3VersionDeleteApi, 'deleteVersions'> {
  readonly objects = new Map<string, StoredVersion[]>();
  readonly deleted: { bucket: string; refs: VersionRef[] }[] = [];
  readonly heads: string[] = [];
  delayMs = 60_000;
  /** The replica's copy arrives with another body (replication corrupted it). */
  corrupt = false;
  private version = 0;
  /** Versions whose copy never arrives: their source status stays PENDING. */
  private readonly stuck = new Set<string>();
  private readonly arrivals: { at: number; key: string; versionId: string; body: string; sha256?: string }[] = [];

  constructor(
    readonly source: string,
    readonly replica: string,
    private readonly now: () => Date,
  ) {
    this.objects.set(source, []);
    this.objects.set(replica, []);
  }

  /** Lets copies whose time has come land in the replica. */
  private replicate(): void {
    const now = this.now().getTime();
    for (const arrival of this.arrivals.filter((a) => a.at <= now)) {
      const { at, ...copy } = arrival;
      this.list(this.replica).push({ ...copy, lastModified: new Date(at) });
      this.arrivals.splice(this.arrivals.indexOf(arrival), 1);
    }
  }

  list(bucket: string): StoredVersion[] {
    const list = this.objects.get(bucket);
    if (list === undefined) throw new Error(`no bucket ${bucket}`);
    return list;
  }

  seed(bucket: string, key: string, body = 'data'): void {
    this.version += 1;
    this.list(bucket).push({ key, versionId: `seed${this.version}`, body, lastModified: this.now() });
  }

  /** A copy due to land later (a canary of an earlier drill that timed out). */
  scheduleArrival(key: string, inMs: number): void {
    this.arrivals.push({ at: this.now().getTime() + inMs, key, versionId: 'late1', body: 'late' });
  }

  async put(bucket: string, key: string, body: string, sha256: string): Promise<PutCanaryResult> {
    this.version += 1;
    const versionId = `v${this.version}`;
    this.list(bucket).push({ key, versionId, body, sha256, lastModified: this.now() });
    if (bucket === this.source && !Number.isFinite(this.delayMs)) this.stuck.add(versionId);
    if (bucket === this.source && Number.isFinite(this.delayMs)) {
      const copy = this.corrupt ? `${body}!` : body;
      this.arrivals.push({
        at: this.now().getTime() + this.delayMs,
        key,
        versionId,
        body: copy,
        sha256: this.corrupt ? sha256Base64(copy) : sha256,
      });
    }
    return { versionId, sha256 };
  }

  async get(bucket: string, key: string, versionId: string) {
    this.replicate();
    const found = this.list(bucket).find((v) => v.key === key && v.versionId === versionId);
    return found === undefined ? undefined : new TextEncoder().encode(found.body);
  }

  async listVersionsPage(bucket: string, request: ListVersionsRequest): Promise<VersionPage> {
    this.replicate();
    const entries = this.list(bucket)
      .filter((v) => v.key.startsWith(request.prefix ?? ''))
      .map((v) => ({
        key: v.key,
        versionId: v.versionId,
        lastModified: v.lastModified,
        isLatest: true,
        isDeleteMarker: false,
      }));
    return { entries };
  }

  async headVersion(bucket: string, key: string, versionId?: string): Promise<ObjectHead | undefined> {
    this.heads.push(bucket);
    this.replicate();
    const found = this.list(bucket).find((v) => v.key === key && v.versionId === versionId);
    if (found === undefined) return undefined;
    const pending =
      bucket === this.source &&
      (this.stuck.has(versionId ?? '') || this.arrivals.some((a) => a.versionId === versionId));
    return {
      size: found.body.length,
      checksums: found.sha256 === undefined ? {} : { SHA256: found.sha256 },
      ...(bucket === this.source ? { replicationStatus: pending ? 'PENDING' : 'COMPLETED' } : {}),
    };
  }

  async deleteVersions(bucket: string, refs: readonly VersionRef[]) {
    this.deleted.push({ bucket, refs: [...refs] });
    const list = this.list(bucket);
    for (const ref of refs) {
      const i = list.findIndex((v) => v.key === ref.key && v.versionId === ref.versionId);
      if (i >= 0) list.splice(i, 1);
    }
    return [];
  }
}
