import { describe, expect, it } from 'vitest';
import { CohortNames } from '../../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { snsSlackAlertSink } from '../../../src/jobs/common/alerts.ts';
import { runCohortJob } from '../../../src/jobs/common/job.ts';
import { OpsStateStore } from '../../../src/jobs/common/ops-state.ts';
import type { PairAudit } from '../../../src/jobs/dr-audit/audit-report.ts';
import { DR_AUDIT_JOB, type DrAuditDeps, drAuditCohort } from '../../../src/jobs/dr-audit/dr-audit.ts';
import { DEFAULT_SAMPLE_LIMITS, type SampleLimits } from '../../../src/jobs/dr-audit/replication-sample.ts';
import {
  RTC_TARGET_MINUTES as JOB_RTC_MINUTES,
  REPLICATION_RULE_ID as JOB_RULE_ID,
} from '../../../src/jobs/dr-audit/replication-target.ts';
import { REPLICATION_MINUTES, REPLICATION_RULE_ID } from '../../../terraform-cdk/constructs/replication.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { captureLogger, fixedClock, MemoryS3, RecordingSns } from '../common/fakes.ts';
import {
  ACCOUNT,
  BACKUP_KEY,
  emptyBucket,
  FakeMetrics,
  FakeS3,
  FakeTagged,
  healthyReplication,
  putObject,
  replicaBucket,
} from './fakes.ts';

const NOW = '2026-12-08T03:00:00Z';
const PRIMARY = 'ap-northeast-2';
const BACKUP = 'ap-southeast-1';

function cohort(id = 'seoul-1'): ResolvedCohort {
  return testCohort(id, { regions: { primary: PRIMARY, backup: BACKUP } });
}

function world(ids: readonly string[] = ['seoul-1']) {
  const clock = fixedClock(NOW);
  const s3 = new FakeS3();
  for (const id of ids) {
    const names = new CohortNames(SETTINGS.namePrefix, id);
    for (const role of ['raw', 'processed'] as const) {
      s3.buckets.set(names.bucket(role), emptyBucket({ replication: healthyReplication(names.replicaBucket(role)) }));
      s3.buckets.set(names.replicaBucket(role), replicaBucket());
    }
  }
  const metrics = { [PRIMARY]: new FakeMetrics(), [BACKUP]: new FakeMetrics() } as Record<string, FakeMetrics>;
  const tagged = new FakeTagged([
    { arn: `arn:aws:s3:::acme-ws-seoul-1-raw-dr`, tags: {} },
    { arn: BACKUP_KEY, tags: {} },
  ]);
  return { clock, s3, metrics, tagged, state: new MemoryS3(), sns: new RecordingSns() };
}
type World = ReturnType<typeof world>;

const pair = (id: string, role: 'raw' | 'processed') => {
  const names = new CohortNames(SETTINGS.namePrefix, id);
  return { source: names.bucket(role), replica: names.replicaBucket(role) };
};

async function run(w: World, cohorts: ResolvedCohort[] = [cohort()], limits: SampleLimits = DEFAULT_SAMPLE_LIMITS) {
  const { logger } = captureLogger();
  const ctx = { now: w.clock.now, logger, dryRun: false };
  const deps: DrAuditDeps = {
    bucketSettings: () => w.s3,
    versions: () => w.s3,
    metrics: (region) => w.metrics[region] ?? new FakeMetrics(),
    tagged: () => w.tagged,
    state: new OpsStateStore(w.state, SETTINGS.state.bucket),
    alerts: snsSlackAlertSink({ sns: () => w.sns, env: {}, logger }),
    accountId: ACCOUNT,
    namePrefix: SETTINGS.namePrefix,
    limits,
  };
  return runCohortJob(DR_AUDIT_JOB, ctx, cohorts, (c) => drAuditCohort(c, deps, ctx));
}

const pairsOf = (data: unknown) => (data as { pairs: PairAudit[] }).pairs;

describe('dr-audit', () => {
  it('passes a cohort whose replication is configured and whose newest objects are in the replica', async () => {
    const w = world();
    const at = new Date('2026-12-08T02:00:00Z');
    putObject(w.s3, pair('seoul-1', 'raw'), 'trips/a.csv', 'v1', at, 'COMPLETED');
    putObject(w.s3, pair('seoul-1', 'processed'), 'students/x/out.parquet', 'v9', at, 'COMPLETED');
    const report = await run(w);
    const c = report.cohorts[0];
    expect(c?.status).toBe('ok');
    expect(c?.problems).toEqual([]);
    expect(c?.summary).toContain('2/2 sampled objects replicated');
    expect(w.sns.published).toEqual([]);
    const checks = pairsOf(c?.data).flatMap((p) => p.configuration?.checks ?? []);
    expect(checks.filter((k) => k.status !== 'ok' && k.status !== 'info')).toEqual([]);
    // The backup key came from the cohort's tags, in the backup region.
    expect(w.tagged.asked).toEqual([{ 'workshop:cohort': 'seoul-1', 'managed-by': 'workshop-gitops' }]);
  });

  it('fails and alerts once when a bucket has no replication rule', async () => {
    const w = world();
    const raw = w.s3.buckets.get('acme-ws-seoul-1-raw');
    if (raw) delete raw.replication;
    const first = await run(w);
    expect(first.cohorts[0]?.status).toBe('failed');
    expect(first.cohorts[0]?.problems).toContain(
      'acme-ws-seoul-1-raw has no replication rule to acme-ws-seoul-1-raw-dr: its objects are not backed up',
    );
    expect(w.sns.published).toHaveLength(1);
    expect(w.sns.published[0]?.message).toContain('has no replication rule');
    const second = await run(w);
    expect(second.cohorts[0]?.status).toBe('failed');
    expect(second.cohorts[0]?.alerts.map((a) => a.sent)).toEqual([false]);
    expect(w.sns.published).toHaveLength(1);
  });

  it('fails when the replica bucket has versioning suspended', async () => {
    const w = world();
    const replica = w.s3.buckets.get('acme-ws-seoul-1-processed-dr');
    if (replica) replica.versioning = 'Suspended';
    const report = await run(w);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.alerts.map((a) => a.key)).toEqual(['config:processed:versioning-replica']);
  });

  it('fails on an object whose replication FAILED and reports the recovery-point age from it', async () => {
    const w = world();
    const where = pair('seoul-1', 'raw');
    putObject(w.s3, where, 'trips/new.csv', 'v2', new Date('2026-12-08T02:50:00Z'), 'COMPLETED');
    putObject(w.s3, where, 'trips/old.csv', 'v1', new Date('2026-12-08T01:00:00Z'), 'FAILED');
    const report = await run(w);
    const c = report.cohorts[0];
    expect(c?.status).toBe('failed');
    expect(c?.alerts.map((a) => a.key)).toEqual(['sample:raw:failed']);
    expect(c?.alerts[0]?.detail).toContain('trips/old.csv (v1)');
    const raw = pairsOf(c?.data).find((p) => p.role === 'raw');
    expect(raw?.sample?.recoveryPointAgeSeconds).toBe(2 * 3600);
    expect(c?.summary).toContain('recovery point age 2.0 h');
  });

  it('fails when a replica is encrypted with another key than the backup key', async () => {
    const w = world();
    putObject(w.s3, pair('seoul-1', 'raw'), 'trips/a.csv', 'v1', new Date('2026-12-08T02:00:00Z'), 'COMPLETED', {
      kmsKeyId: `arn:aws:kms:${BACKUP}:${ACCOUNT}:key/someone-elses`,
    });
    const report = await run(w);
    expect(report.cohorts[0]?.alerts.map((a) => a.key)).toEqual(['sample:raw:mismatch']);
  });

  it('reads the metrics where S3 publishes them and fails on failed operations', async () => {
    const w = world();
    const point = (value: number) => ({ at: new Date('2026-12-08T02:55:00Z'), value });
    w.metrics[PRIMARY]?.series.set('OperationsFailedReplication acme-ws-seoul-1-processed', [point(2), point(1)]);
    w.metrics[BACKUP]?.series.set('ReplicationLatency acme-ws-seoul-1-raw', [point(30), point(1200)]);
    const report = await run(w);
    expect(w.metrics[PRIMARY]?.requests.flat().map((q) => q.metric)).toEqual([
      'OperationsFailedReplication',
      'OperationsFailedReplication',
    ]);
    expect(new Set(w.metrics[BACKUP]?.requests.flat().map((q) => q.metric))).toEqual(
      new Set(['ReplicationLatency', 'OperationsPendingReplication']),
    );
    expect(w.metrics[BACKUP]?.requests.flat().every((q) => q.series.ruleId === REPLICATION_RULE_ID)).toBe(true);
    const processed = pairsOf(report.cohorts[0]?.data).find((p) => p.role === 'processed');
    expect(processed?.metrics?.failedOperations).toBe(3);
    expect(report.cohorts[0]?.alerts.map((a) => a.key)).toEqual(['health:processed:failed-operations']);
    const raw = pairsOf(report.cohorts[0]?.data).find((p) => p.role === 'raw');
    expect(raw?.metrics).toMatchObject({ latencyLatestSeconds: 30, latencyMaxSeconds: 1200 });
  });

  it('makes as many requests for a bucket of a million objects as for one of ten thousand', async () => {
    const counts: number[] = [];
    for (const objectCount of [10_000, 1_000_000]) {
      const w = world();
      for (const name of ['acme-ws-seoul-1-raw', 'acme-ws-seoul-1-raw-dr']) {
        const bucket = w.s3.buckets.get(name);
        if (bucket) bucket.objectCount = objectCount;
      }
      const report = await run(w);
      expect(report.cohorts[0]?.status).toBe('ok');
      const limits = DEFAULT_SAMPLE_LIMITS;
      expect(w.s3.count('ListObjectVersions', 'acme-ws-seoul-1-raw')).toBe(limits.maxListPages);
      expect(w.s3.count('HeadObject')).toBe(2 * limits.sampleSize);
      const rawPair = pairsOf(report.cohorts[0]?.data).find((p) => p.role === 'raw');
      expect(rawPair?.sample).toMatchObject({ truncated: true, listedVersions: limits.maxListPages * 1000 });
      expect(
        report.cohorts[0]?.blocks.some((b) => b.kind === 'list' && b.items[0]?.includes('stopped after 5 pages')),
      ).toBe(true);
      counts.push(w.s3.calls.length);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('grows its requests with the sample size, not the bucket', async () => {
    const w = world();
    const raw = w.s3.buckets.get('acme-ws-seoul-1-raw');
    if (raw) raw.objectCount = 1_000_000;
    await run(w, [cohort()], { sampleSize: 10, maxListPages: 2, concurrency: 4 });
    expect(w.s3.count('ListObjectVersions', 'acme-ws-seoul-1-raw')).toBe(2);
    expect(w.s3.count('HeadObject')).toBe(20);
  });

  it('reports MFA delete without failing on it', async () => {
    const w = world();
    const report = await run(w);
    const mfa = pairsOf(report.cohorts[0]?.data)[0]?.configuration?.checks.find((c) =>
      c.check.startsWith('MFA delete'),
    );
    expect(mfa).toEqual({
      check: 'MFA delete (reported only)',
      status: 'info',
      value: 'source Disabled, replica Disabled',
    });
    expect(report.cohorts[0]?.status).toBe('ok');
  });

  it('fails a cohort whose replica bucket does not exist, and still audits the other bucket', async () => {
    const w = world();
    w.s3.buckets.delete('acme-ws-seoul-1-raw-dr');
    putObject(w.s3, pair('seoul-1', 'processed'), 'students/x/a', 'v1', new Date('2026-12-08T02:00:00Z'), 'COMPLETED');
    const report = await run(w);
    expect(report.cohorts[0]?.alerts.map((a) => a.key)).toEqual(['config:raw:replica-missing']);
    expect(pairsOf(report.cohorts[0]?.data).find((p) => p.role === 'processed')?.sample?.objects).toHaveLength(1);
  });

  it('skips a cohort without a backup region without a request', async () => {
    const w = world();
    const report = await run(w, [testCohort('solo')]);
    expect(report.cohorts[0]).toMatchObject({ status: 'skipped', summary: 'no backup region: nothing replicates' });
    expect(w.s3.calls).toEqual([]);
  });

  it('warns, without failing, when no key carries the cohort tag in the backup region', async () => {
    const w = world();
    w.tagged.found.length = 0;
    const report = await run(w);
    expect(report.cohorts[0]?.status).toBe('warning');
    expect(report.cohorts[0]?.alerts).toEqual([]);
    expect(report.cohorts[0]?.problems.join('\n')).toContain('cannot verify the replica key');
  });
});

describe('the replication target', () => {
  it('is the one the cohort stack configures', () => {
    expect(JOB_RULE_ID).toBe(REPLICATION_RULE_ID);
    expect(JOB_RTC_MINUTES).toBe(REPLICATION_MINUTES);
  });
});
