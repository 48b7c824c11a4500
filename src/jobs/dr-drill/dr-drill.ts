/**
 * `dr-drill`: for each cohort with a backup region, write a canary to raw, wait (bounded) until the replica holds
 * the same version with the same SHA-256 and it reads back intact, report the measured time against the 15-minute
 * RTC target, and remove the canary from both sides — all its versions, and nothing else — whatever happened.
 * A canary whose replica copy may still arrive after a timeout is remembered and removed by the next drill.
 */
import type { S3CanaryApi } from '../../aws/s3-canary.ts';
import type { S3VersionDeleteApi } from '../../aws/s3-version-delete.ts';
import type { S3VersionsApi } from '../../aws/s3-versions.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { Alert, AlertSink } from '../common/alerts.ts';
import type { JobContext, Sleep } from '../common/job-context.ts';
import type { OpsStateStore } from '../common/ops-state.ts';
import type { CohortReport, CohortStatus, ReportBlock } from '../common/report.ts';
import { alertAndStore } from '../dr-audit/alert-state.ts';
import { NO_BACKUP, skippedReport } from '../dr-audit/audit-report.ts';
import { RTC_TARGET_MINUTES, RTC_TARGET_SECONDS } from '../dr-audit/replication-target.ts';
import { type Canary, makeCanary, type RandomId } from './canary.ts';
import { type CanaryBucketApis, removeCanary } from './remove-canary.ts';
import { DrDrillState, type PendingCleanup } from './state.ts';
import { type PollOptions, type WaitOutcome, waitForReplica } from './wait-for-replica.ts';

export const DR_DRILL_JOB = 'dr-drill';
/** A remembered canary is forgotten after this long: a copy that has not arrived by then will not. */
const PENDING_CLEANUP_DAYS = 7;

export interface DrDrillDeps {
  readonly versions: (region: string) => S3VersionsApi;
  readonly canary: (region: string) => S3CanaryApi;
  readonly delete: (region: string) => Pick<S3VersionDeleteApi, 'deleteVersions'>;
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
  readonly accountId: string;
  readonly namePrefix: string;
  readonly sleep: Sleep;
  readonly poll: PollOptions;
  readonly randomId: RandomId;
}

interface Side {
  readonly bucket: string;
  readonly apis: CanaryBucketApis;
}

interface Cleanup {
  readonly removed: { readonly source: number; readonly replica: number };
  readonly problems: string[];
  readonly pending: PendingCleanup[];
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Removes the canaries earlier drills left behind in the replica; returns those still to remove. */
async function removeLeftovers(
  replica: Side,
  pending: readonly PendingCleanup[],
  now: Date,
  problems: string[],
): Promise<PendingCleanup[]> {
  const keep: PendingCleanup[] = [];
  for (const item of pending) {
    const expired = now.getTime() - Date.parse(item.since) > PENDING_CLEANUP_DAYS * 86_400_000;
    try {
      // Only the bucket this drill owns: a state naming any other bucket is ignored, never acted on.
      const removed = item.bucket === replica.bucket ? await removeCanary(replica.apis, item.bucket, item.key) : 0;
      if (removed === 0 && !expired && item.bucket === replica.bucket) keep.push(item);
    } catch (error) {
      problems.push(`could not remove the earlier canary s3://${item.bucket}/${item.key}: ${describe(error)}`);
      if (!expired) keep.push(item);
    }
  }
  return keep;
}

async function removeBoth(source: Side, replica: Side, canary: Canary, timedOut: boolean, now: Date): Promise<Cleanup> {
  const problems: string[] = [];
  const pending: PendingCleanup[] = [];
  const remove = async (side: Side): Promise<number> => {
    try {
      return await removeCanary(side.apis, side.bucket, canary.key);
    } catch (error) {
      problems.push(`could not remove the canary s3://${side.bucket}/${canary.key}: ${describe(error)}`);
      pending.push({ bucket: side.bucket, key: canary.key, since: now.toISOString() });
      return 0;
    }
  };
  const removed = { source: await remove(source), replica: await remove(replica) };
  if (timedOut && removed.replica === 0 && problems.length === 0) {
    pending.push({ bucket: replica.bucket, key: canary.key, since: now.toISOString() });
  }
  return { removed, problems, pending };
}

function minutes(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${(seconds / 60).toFixed(1)} min`;
}

function verdict(outcome: WaitOutcome, canary: Canary, replicaBucket: string, sourceStatus: string | undefined) {
  const alerts: Alert[] = [];
  let status: CohortStatus = 'ok';
  let summary: string;
  switch (outcome.result) {
    case 'replicated':
      summary = `replicated and read back in ${minutes(outcome.seconds)} (checked every ≤${outcome.resolutionSeconds} s); target ${RTC_TARGET_MINUTES} min`;
      if (outcome.seconds > RTC_TARGET_SECONDS) status = 'warning';
      break;
    case 'mismatch':
      status = 'failed';
      summary = `the replica of the canary differs: ${outcome.detail}`;
      alerts.push({
        key: 'drill:mismatch',
        title: `DR drill: the canary's replica in ${replicaBucket} differs`,
        detail: outcome.detail,
      });
      break;
    case 'timeout':
      status = 'failed';
      summary = `the canary did not reach ${replicaBucket} within ${minutes(outcome.seconds)} (source replication status: ${sourceStatus ?? 'none'})`;
      alerts.push({
        key: 'drill:timeout',
        title: `DR drill: the canary ${canary.key} did not replicate within ${minutes(outcome.seconds)}`,
        detail: `source replication status ${sourceStatus ?? 'none'}; run \`workshop dr-audit\` for the configuration`,
      });
      break;
  }
  return { status, summary, alerts };
}

interface DrillRun {
  readonly versionId: string;
  readonly outcome: WaitOutcome;
  /** The source's replication status of a canary that timed out. */
  readonly sourceStatus?: string;
  readonly cleanup: Cleanup;
}

/** Writes the canary, waits for its replica, and removes it from both sides whatever happened. */
async function runCanary(
  deps: DrDrillDeps,
  ctx: JobContext,
  source: Side,
  replica: Side,
  canary: Canary,
): Promise<DrillRun> {
  const { versionId } = await source.apis.canary.put(source.bucket, canary.key, canary.body, canary.sha256);
  const writtenAt = ctx.now();
  let outcome: WaitOutcome | undefined;
  let sourceStatus: string | undefined;
  let cleanup: Cleanup;
  try {
    const waitDeps = { ...replica.apis, now: ctx.now, sleep: deps.sleep, poll: deps.poll };
    outcome = await waitForReplica(waitDeps, replica.bucket, canary, versionId, writtenAt);
    if (outcome.result === 'timeout') {
      sourceStatus = (await source.apis.versions.headVersion(source.bucket, canary.key, versionId))?.replicationStatus;
    }
  } finally {
    // Also when waiting threw: the canary never outlives the drill on the source side.
    cleanup = await removeBoth(source, replica, canary, outcome?.result !== 'replicated', ctx.now());
  }
  return { versionId, outcome, cleanup, ...(sourceStatus === undefined ? {} : { sourceStatus }) };
}

function drillBlocks(canary: Canary, source: Side, replica: Side, run: DrillRun, pending: readonly PendingCleanup[]) {
  const blocks: ReportBlock[] = [
    {
      kind: 'table',
      title: 'Drill',
      columns: ['Canary', 'Source', 'Replica', 'Result', 'Measured', 'RTC target', 'Removed (source / replica)'],
      rows: [
        [
          canary.key,
          source.bucket,
          replica.bucket,
          run.outcome.result,
          minutes(run.outcome.seconds),
          `${RTC_TARGET_MINUTES} min`,
          `${run.cleanup.removed.source} / ${run.cleanup.removed.replica}`,
        ],
      ],
    },
  ];
  if (pending.length > 0) {
    blocks.push({
      kind: 'list',
      title: 'Canaries to remove on the next drill (their replica copy may still arrive)',
      items: pending.map((p) => `s3://${p.bucket}/${p.key} (since ${p.since})`),
    });
  }
  return blocks;
}

export async function drDrillCohort(cohort: ResolvedCohort, deps: DrDrillDeps, ctx: JobContext): Promise<CohortReport> {
  const backup = cohort.regions.backup;
  if (backup === undefined) return skippedReport(cohort.id, NO_BACKUP);
  const names = new CohortNames(deps.namePrefix, cohort.id);
  const sideIn = (region: string, bucket: string): Side => ({
    bucket,
    apis: { versions: deps.versions(region), canary: deps.canary(region), delete: deps.delete(region) },
  });
  const source = sideIn(cohort.regions.primary, names.bucket('raw'));
  const replica = sideIn(backup, names.replicaBucket('raw'));
  const canary = makeCanary(cohort.id, ctx.now(), deps.randomId());
  if (ctx.dryRun) {
    return skippedReport(
      cohort.id,
      `dry run: would write s3://${source.bucket}/${canary.key}, wait up to ${minutes(Math.round(deps.poll.timeoutMs / 1000))} for it in ${replica.bucket}, then remove it from both`,
    );
  }

  const problems: string[] = [];
  // An unusable state is reported once, by the write at the end (alertAndStore), which reads it again.
  const previous = await deps.state.read(cohort.id, DR_DRILL_JOB, DrDrillState);
  const leftovers = await removeLeftovers(replica, previous.value?.pendingCleanup ?? [], ctx.now(), problems);
  const run = await runCanary(deps, ctx, source, replica, canary);
  problems.push(...run.cleanup.problems);

  const result = verdict(run.outcome, canary, replica.bucket, run.sourceStatus);
  const alerts = [...result.alerts];
  if (run.cleanup.problems.length > 0) {
    alerts.push({
      key: 'drill:cleanup',
      title: `DR drill of ${cohort.id}: a canary could not be removed`,
      detail: run.cleanup.problems.join('; '),
    });
  }
  const pendingCleanup = [...leftovers, ...run.cleanup.pending];
  const stored = await alertAndStore(
    { ...deps, topic: names.topic },
    cohort,
    DR_DRILL_JOB,
    ctx,
    DrDrillState,
    alerts,
    () => ({ pendingCleanup }),
  );
  const status: CohortStatus = run.cleanup.problems.length > 0 ? 'failed' : result.status;
  return {
    cohortId: cohort.id,
    status: status === 'ok' && stored.problems.length + problems.length > 0 ? 'warning' : status,
    summary: result.summary,
    problems: [...problems, ...stored.problems],
    alerts: stored.alerts,
    blocks: drillBlocks(canary, source, replica, run, pendingCleanup),
    data: {
      canary: canary.key,
      versionId: run.versionId,
      outcome: run.outcome,
      removed: run.cleanup.removed,
      pendingCleanup,
    },
  };
}
