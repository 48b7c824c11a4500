import { describe, expect, it } from 'vitest';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { snsSlackAlertSink } from '../../../src/jobs/common/alerts.ts';
import { runCohortJob } from '../../../src/jobs/common/job.ts';
import { OpsStateStore } from '../../../src/jobs/common/ops-state.ts';
import { assertCanaryKey, CANARY_PREFIX, canaryKey } from '../../../src/jobs/dr-drill/canary.ts';
import { DR_DRILL_JOB, type DrDrillDeps, drDrillCohort } from '../../../src/jobs/dr-drill/dr-drill.ts';
import { DrDrillState } from '../../../src/jobs/dr-drill/state.ts';
import { DEFAULT_POLL } from '../../../src/jobs/dr-drill/wait-for-replica.ts';
import { ACCOUNT, SETTINGS, testCohort } from '../common/cohorts.ts';
import { captureLogger, fixedClock, MemoryS3, RecordingSns } from '../common/fakes.ts';
import { ReplicatedBuckets } from './fakes.ts';

const RAW = 'acme-ws-seoul-1-raw';
const REPLICA = 'acme-ws-seoul-1-raw-dr';
const regions = { primary: 'ap-northeast-2', backup: 'ap-southeast-1' };

function world() {
  const clock = fixedClock('2026-12-01T04:17:00Z');
  const s3 = new ReplicatedBuckets(RAW, REPLICA, clock.now);
  s3.seed(RAW, 'trips/a.csv');
  s3.seed(REPLICA, 'trips/a.csv');
  s3.seed(RAW, `${CANARY_PREFIX}20261101T041700Z-someoneelse.json`);
  return { clock, s3, state: new MemoryS3(), sns: new RecordingSns(), sleeps: [] as number[], ids: 0 };
}
type World = ReturnType<typeof world>;

async function run(w: World, options: { dryRun?: boolean; cohort?: ResolvedCohort; timeoutMs?: number } = {}) {
  const { logger } = captureLogger();
  const ctx = { now: w.clock.now, logger, dryRun: options.dryRun ?? false };
  const deps: DrDrillDeps = {
    versions: () => w.s3,
    canary: () => w.s3,
    delete: () => w.s3,
    state: new OpsStateStore(w.state, SETTINGS.state.bucket),
    alerts: snsSlackAlertSink({ sns: () => w.sns, env: {}, logger }),
    accountId: ACCOUNT,
    namePrefix: SETTINGS.namePrefix,
    sleep: async (ms) => {
      w.sleeps.push(ms);
      w.clock.advance(ms);
    },
    poll: { ...DEFAULT_POLL, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) },
    randomId: () => `run${String(++w.ids).padStart(5, '0')}`,
  };
  const cohort = options.cohort ?? testCohort('seoul-1', { regions });
  return runCohortJob(DR_DRILL_JOB, ctx, [cohort], (c) => drDrillCohort(c, deps, ctx));
}

const keysIn = (w: World, bucket: string) => w.s3.list(bucket).map((v) => v.key);
const deletedKeys = (w: World) => w.s3.deleted.flatMap((d) => d.refs.map((r) => `${d.bucket}/${r.key}`));

async function storedState(w: World) {
  const stored = w.state.objects.get(`${SETTINGS.state.bucket}/ops/seoul-1/dr-drill.json`);
  return DrDrillState.parse((JSON.parse(stored?.body ?? '{}') as { data: unknown }).data);
}

describe('dr-drill', () => {
  it('measures the canary into the replica, then removes it from both sides and nothing else', async () => {
    const w = world();
    w.s3.delayMs = 70_000;
    const report = await run(w);
    const c = report.cohorts[0];
    expect(c?.status).toBe('ok');
    // Polls at 5, 12.5, 23.75, 40.6, 65.9 s find nothing; the one at 95.9 s finds the copy.
    expect(c?.summary).toBe('replicated and read back in 96 s (checked every ≤30 s); target 15 min');
    const canary = '_dr-drill/20261201T041700Z-run00001.json';
    expect(deletedKeys(w)).toEqual([`${RAW}/${canary}`, `${REPLICA}/${canary}`]);
    expect(keysIn(w, RAW)).toEqual(['trips/a.csv', `${CANARY_PREFIX}20261101T041700Z-someoneelse.json`]);
    expect(keysIn(w, REPLICA)).toEqual(['trips/a.csv']);
    expect(w.sns.published).toEqual([]);
    expect((await storedState(w)).pendingCleanup).toEqual([]);
  });

  it('times out at the bound, fails and alerts, still removes the canary, and the next drill removes its late copy', async () => {
    const w = world();
    w.s3.delayMs = Number.POSITIVE_INFINITY;
    const timeoutMs = 10 * 60_000;
    const report = await run(w, { timeoutMs });
    const c = report.cohorts[0];
    expect(c?.status).toBe('failed');
    expect(w.sleeps.reduce((a, b) => a + b, 0)).toBe(timeoutMs);
    expect(c?.summary).toBe(`the canary did not reach ${REPLICA} within 10.0 min (source replication status: PENDING)`);
    expect(c?.alerts.map((a) => [a.key, a.sent])).toEqual([['drill:timeout', true]]);
    const canary = '_dr-drill/20261201T041700Z-run00001.json';
    expect(keysIn(w, RAW)).not.toContain(canary);
    expect(deletedKeys(w)).toEqual([`${RAW}/${canary}`]);
    const pending = (await storedState(w)).pendingCleanup;
    expect(pending).toEqual([{ bucket: REPLICA, key: canary, since: '2026-12-01T04:27:00.000Z' }]);

    // The copy lands after all; the next drill (replication healthy again) removes it and forgets it.
    w.s3.scheduleArrival(canary, 60_000);
    w.clock.advance(30 * 86_400_000);
    w.s3.delayMs = 20_000;
    const next = await run(w);
    expect(next.cohorts[0]?.status).toBe('ok');
    expect(deletedKeys(w)).toContain(`${REPLICA}/${canary}`);
    expect(keysIn(w, REPLICA)).toEqual(['trips/a.csv']);
    expect((await storedState(w)).pendingCleanup).toEqual([]);
    expect(next.cohorts[0]?.alerts).toEqual([]);
  });

  it('warns when the canary arrives after the 15-minute target', async () => {
    const w = world();
    w.s3.delayMs = 20 * 60_000;
    const report = await run(w);
    expect(report.cohorts[0]?.status).toBe('warning');
    expect(report.cohorts[0]?.summary).toMatch(/^replicated and read back in 2\d\.\d min/);
  });

  it('fails when the replica holds other content, and still removes the canary', async () => {
    const w = world();
    w.s3.corrupt = true;
    const report = await run(w);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.alerts.map((a) => a.key)).toEqual(['drill:mismatch']);
    expect(keysIn(w, REPLICA)).toEqual(['trips/a.csv']);
  });

  it('writes nothing on a dry run', async () => {
    const w = world();
    const report = await run(w, { dryRun: true });
    expect(report.cohorts[0]?.status).toBe('skipped');
    expect(report.cohorts[0]?.summary).toContain(`would write s3://${RAW}/_dr-drill/`);
    expect(keysIn(w, RAW)).toHaveLength(2);
    expect(w.s3.deleted).toEqual([]);
    expect(w.state.puts).toBe(0);
  });

  it('skips a cohort without a backup region', async () => {
    const w = world();
    const report = await run(w, { cohort: testCohort('solo') });
    expect(report.cohorts[0]?.summary).toBe('no backup region: nothing replicates');
    expect(w.s3.heads).toEqual([]);
  });
});

describe('canary keys', () => {
  it('are unique per run under _dr-drill/', () => {
    expect(canaryKey(new Date('2026-12-01T04:17:00.123Z'), 'abc12345')).toBe(
      '_dr-drill/20261201T041700Z-abc12345.json',
    );
  });

  it.each(['trips/a.csv', '_dr-drill/', '_dr-drill/../trips/a.csv', '_dr-drill/20261201T041700Z-abc12345.json/x'])(
    'refuse %s',
    (key) => {
      expect(() => assertCanaryKey(key)).toThrow(/not a DR drill canary key/);
    },
  );
});
