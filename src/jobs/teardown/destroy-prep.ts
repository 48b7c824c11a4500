/**
 * What the apply workflow runs for a removed cohort right before `terraform destroy` (`workshop teardown --cohort ID
 * --destroy-prep --apply`): archive the final report under `ops/reports/<id>/` in the state bucket, remove the
 * console passwords onboarding created, stop the cohort's trail, and empty every bucket of the cohort in both
 * regions (Terraform refuses to delete a bucket that still holds objects).
 *
 * Safety first, all of it before the first deletion: the cohort file must be gone from main, and every user and
 * bucket to touch must carry both the `managed-by` and the cohort tag. Any refusal fails the cohort with nothing
 * deleted, so the workflow stops before the destroy. Every deletion made is listed in the report.
 */
import { describeError } from '../../aws/errors.ts';
import { BucketMissingError } from '../../aws/s3-replication.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { JobContext } from '../common/job-context.ts';
import { mapLimit } from '../common/limit.ts';
import type { CohortReport, ReportBlock } from '../common/report.ts';
import type { TeardownApis } from './apis.ts';
import { type CohortBucket, cohortBuckets } from './cohort-buckets.ts';
import { type EmptyResult, emptyBucket } from './empty-bucket.ts';
import { finalReportMarkdown } from './final-report.ts';
import { lifecycleDates } from './lifecycle-status.ts';
import { assertCohortId, assertRemovedFromMain, carriesBothTags, missingTags, RefusalError } from './safety.ts';
import { securityCheck } from './security-check.ts';

/** The archived report may be long: the cost report keeps its full detail up to this size. */
const ARCHIVE_COST_CHARS = 500_000;
const CONCURRENCY = 4;

export const REPORTS_PREFIX = 'ops/reports/';

/** `ops/reports/<id>/20261212T010203Z-final-report.md`: one file per destroy attempt, never overwritten. */
export function archiveKey(cohortId: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${REPORTS_PREFIX}${cohortId}/${stamp}-final-report.md`;
}

interface Targets {
  readonly users: readonly string[];
  readonly buckets: readonly CohortBucket[];
  /** Buckets that no longer exist. */
  readonly gone: readonly string[];
  /** The cohort's trail, when it exists and carries both tags: the only trail destroy-prep stops. */
  readonly trail: string | undefined;
  readonly refusals: readonly string[];
}

/** Everything destroy-prep will touch, each with its tags checked; nothing is changed here. */
async function targets(apis: TeardownApis, cohort: ResolvedCohort, names: CohortNames): Promise<Targets> {
  const refusals: string[] = [];
  const userNames = await apis.userNames(names.iamPath);
  const users = await mapLimit(userNames, CONCURRENCY, async (user) => ({
    user,
    tags: await apis.credentials.userTags(user),
  }));
  for (const u of users) {
    if (u.tags !== undefined && !carriesBothTags(u.tags, cohort.id)) {
      refusals.push(`IAM user ${u.user} lacks ${missingTags(u.tags, cohort.id)}: its console password is not removed`);
    }
  }
  const buckets: CohortBucket[] = [];
  const gone: string[] = [];
  for (const place of cohortBuckets(apis.namePrefix, cohort)) {
    try {
      const tags = await apis.bucketTags(place.region).tags(place.bucket);
      if (carriesBothTags(tags, cohort.id)) buckets.push(place);
      else refusals.push(`bucket ${place.bucket} lacks ${missingTags(tags, cohort.id)}: it is not emptied`);
    } catch (error) {
      if (!(error instanceof BucketMissingError)) throw error;
      gone.push(place.bucket);
    }
  }
  const primary = cohort.regions.primary;
  const trailArn = `arn:aws:cloudtrail:${primary}:${apis.accountId}:trail/${names.trail}`;
  const trailTags = await apis.trail(primary).tags(trailArn);
  if (trailTags !== undefined && !carriesBothTags(trailTags, cohort.id)) {
    refusals.push(`trail ${names.trail} lacks ${missingTags(trailTags, cohort.id)}: its logging is not stopped`);
  }
  return {
    users: users.filter((u) => u.tags !== undefined && carriesBothTags(u.tags, cohort.id)).map((u) => u.user),
    buckets,
    gone,
    trail: trailTags === undefined ? undefined : names.trail,
    refusals,
  };
}

async function archive(apis: TeardownApis, cohort: ResolvedCohort, ctx: JobContext): Promise<string> {
  const now = ctx.now();
  const dates = lifecycleDates(cohort);
  const checks = await securityCheck(apis, cohort, dates, now);
  const cost = await apis.costReport(cohort, ARCHIVE_COST_CHARS);
  const markdown = `# Final report: ${cohort.id}\n\n${finalReportMarkdown({ cohort, dates, checks, cost, now }, 2)}`;
  const key = archiveKey(cohort.id, now);
  if (!ctx.dryRun) {
    await apis.reports.s3.putText(apis.reports.bucket, key, markdown, {
      ifNoneMatch: '*',
      contentType: 'text/markdown; charset=utf-8',
    });
  }
  return `s3://${apis.reports.bucket}/${key}`;
}

function refused(cohortId: string, reasons: readonly string[]): CohortReport {
  return {
    cohortId,
    status: 'failed',
    summary: `refused: ${reasons[0] ?? 'unsafe'}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}; nothing was deleted`,
    problems: reasons.map((r) => `refused: ${r}`),
    alerts: [],
    blocks: [],
  };
}

function bucketLine(result: EmptyResult, dryRun: boolean): string {
  const total = result.versions + result.deleteMarkers;
  const found = `${result.versions} object version(s), ${result.deleteMarkers} delete marker(s)`;
  if (dryRun) return `s3://${result.bucket}: would delete ${total} (${found})`;
  return `s3://${result.bucket}: deleted ${result.deleted} of ${total} (${found}) in ${result.deleteRequests} request(s)`;
}

export async function destroyPrep(cohort: ResolvedCohort, apis: TeardownApis, ctx: JobContext): Promise<CohortReport> {
  try {
    assertCohortId(cohort.id);
    await assertRemovedFromMain(apis.git, cohort.id);
  } catch (error) {
    if (error instanceof RefusalError) return refused(cohort.id, [error.message]);
    throw error;
  }
  const names = new CohortNames(apis.namePrefix, cohort.id);
  const plan = await targets(apis, cohort, names);
  if (plan.refusals.length > 0) return refused(cohort.id, plan.refusals);

  // The report is archived before anything is deleted; failing to archive stops here.
  const archived = await archive(apis, cohort, ctx);

  const deletions: string[] = [];
  const problems: string[] = [];
  const profiles = await mapLimit(plan.users, CONCURRENCY, async (user) => {
    if (ctx.dryRun) return { user, outcome: 'would' as const };
    try {
      return { user, outcome: await apis.credentials.deleteLoginProfile(user) };
    } catch (error) {
      problems.push(`the console password of ${user} could not be removed: ${describeError(error)}`);
      return { user, outcome: 'failed' as const };
    }
  });
  for (const p of profiles) {
    if (p.outcome === 'deleted') deletions.push(`console password of IAM user ${p.user}`);
    if (p.outcome === 'would') deletions.push(`console password of IAM user ${p.user} (would delete, if set)`);
  }

  // CloudTrail writes into the trail bucket until the trail is gone: stop it first, so the emptied bucket stays
  // empty until the destroy deletes it (the report above already recorded that it was logging).
  const { trail } = plan;
  if (trail !== undefined && ctx.dryRun) deletions.push(`would stop the logging of trail ${trail}`);
  else if (trail !== undefined && (await apis.trail(cohort.regions.primary).stopLogging(trail)) === 'stopped') {
    deletions.push(`stopped the logging of trail ${trail} (its bucket is emptied next)`);
  }

  const emptied: EmptyResult[] = [];
  for (const { region, bucket } of plan.buckets) {
    const result = await emptyBucket(apis.versions(region), apis.deletes(region), bucket, {
      dryRun: ctx.dryRun,
      sleep: apis.sleep,
    });
    emptied.push(result);
    deletions.push(bucketLine(result, ctx.dryRun));
    if (result.failed.length > 0) {
      const first = result.failed[0];
      problems.push(
        `s3://${bucket}: ${result.failed.length} version(s) could not be deleted (${first?.code}: ${first?.message}); terraform destroy will fail on this bucket`,
      );
    }
  }

  const blocks: ReportBlock[] = [
    { kind: 'text', text: `${ctx.dryRun ? 'Would archive' : 'Archived'} the final report at ${archived}.` },
    { kind: 'list', title: ctx.dryRun ? 'Deletions it would make' : 'Deletions made', items: deletions },
  ];
  if (plan.gone.length > 0) blocks.push({ kind: 'list', title: 'Buckets already gone', items: [...plan.gone] });
  return {
    cohortId: cohort.id,
    status: problems.length > 0 ? 'failed' : 'ok',
    summary: `${ctx.dryRun ? 'dry run: would empty' : 'emptied'} ${emptied.length} bucket(s), ${profiles.length} user(s) checked for console passwords; report ${archived}`,
    problems,
    alerts: [],
    blocks,
    data: { archived, deletions, buckets: emptied, loginProfiles: profiles, gone: plan.gone },
  };
}
