/**
 * `restore`: brings every object under a prefix of a cohort's raw or processed bucket back to its state at a point in
 * time, using versions: undeletes keys whose latest entry is a delete marker and copies the right older version over
 * a newer one. A dry run (the default) lists what it would change; with apply it copies. Nothing is ever deleted:
 * the only write is CopyObject of an older version over its own key, so every version stays and the restore itself
 * can be undone the same way.
 */

import type { S3VersionCopyApi } from '../../aws/s3-version-copy.ts';
import type { ObjectVersionEntry, S3VersionsApi, VersionMarker } from '../../aws/s3-versions.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { ConfigError } from '../common/config-error.ts';
import type { JobContext } from '../common/job-context.ts';
import { mapLimit } from '../common/limit.ts';
import type { CohortReport, CohortStatus } from '../common/report.ts';
import { isCopy, planRestore, type RestoreAction, type RestoreStep } from './restore-plan.ts';

export const RESTORE_JOB = 'restore';

/** A restore reads every version under the prefix: beyond this many, narrow the prefix instead. */
export const MAX_VERSIONS = 200_000;
/** Rows shown in the report table; the JSON report has every step. */
const MAX_ROWS = 500;
const COPY_CONCURRENCY = 4;

export interface RestoreRequest {
  readonly bucket: 'raw' | 'processed';
  /** Key prefix; "" only with `all`. */
  readonly prefix: string;
  readonly all: boolean;
  readonly at: Date;
  /** Copy for real; otherwise (the default) list only. */
  readonly apply: boolean;
}

export interface RestoreDeps {
  readonly versions: (region: string) => S3VersionsApi;
  readonly copy: (region: string) => S3VersionCopyApi;
  readonly namePrefix: string;
}

export interface AppliedStep extends RestoreStep {
  readonly result?: 'copied' | 'failed';
  readonly newVersionId?: string;
  readonly error?: string;
}

/**
 * Refuses a scope that is likely a mistake, before credentials are even checked: an empty prefix would roll back
 * every student's work in the bucket, so it takes an explicit --all.
 */
export function checkScope(request: RestoreRequest): void {
  if (request.prefix === '' && !request.all) {
    throw new ConfigError(
      'restore needs --prefix (a student folder, a dataset); to restore the whole bucket say --all',
    );
  }
  if (request.prefix !== '' && request.all) throw new ConfigError('give either --prefix or --all, not both');
}

export function checkNotFuture(request: RestoreRequest, now: Date): void {
  if (request.at.getTime() > now.getTime()) {
    throw new ConfigError(`--at ${request.at.toISOString()} is in the future: nothing to restore to`);
  }
}

async function listAll(api: S3VersionsApi, bucket: string, prefix: string): Promise<ObjectVersionEntry[]> {
  const entries: ObjectVersionEntry[] = [];
  let after: VersionMarker | undefined;
  do {
    const page = await api.listVersionsPage(bucket, { prefix, ...(after === undefined ? {} : { after }) });
    entries.push(...page.entries);
    if (entries.length > MAX_VERSIONS) {
      throw new Error(`more than ${MAX_VERSIONS} versions under s3://${bucket}/${prefix}: restore a narrower prefix`);
    }
    after = page.next;
  } while (after !== undefined);
  return entries;
}

async function applySteps(
  copy: S3VersionCopyApi,
  bucket: string,
  steps: readonly RestoreStep[],
): Promise<AppliedStep[]> {
  return mapLimit(steps, COPY_CONCURRENCY, async (step): Promise<AppliedStep> => {
    if (!isCopy(step) || step.versionAt === undefined) return step;
    try {
      const out = await copy.copyVersionOver(bucket, step.key, step.versionAt);
      return { ...step, result: 'copied', ...(out.versionId === undefined ? {} : { newVersionId: out.versionId }) };
    } catch (error) {
      return { ...step, result: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  });
}

const LABEL: Readonly<Record<RestoreAction, string>> = {
  undelete: 'undelete',
  revert: 'revert to the older version',
  'kept-newer': 'newer than that time: kept',
  blocked: 'cannot copy',
  unchanged: 'unchanged',
};

function counts(steps: readonly RestoreStep[]): Record<RestoreAction, number> {
  const out: Record<RestoreAction, number> = { undelete: 0, revert: 0, 'kept-newer': 0, blocked: 0, unchanged: 0 };
  for (const step of steps) out[step.action] += 1;
  return out;
}

function report(
  cohort: ResolvedCohort,
  where: string,
  request: RestoreRequest,
  applied: boolean,
  steps: readonly AppliedStep[],
): CohortReport {
  const n = counts(steps);
  const failed = steps.filter((s) => s.result === 'failed');
  const copied = steps.filter((s) => s.result === 'copied').length;
  const changes = `${n.undelete} to undelete, ${n.revert} to revert, ${n['kept-newer']} newer kept, ${n.blocked} blocked, ${n.unchanged} unchanged`;
  const status: CohortStatus = failed.length > 0 ? 'failed' : n.blocked > 0 ? 'warning' : 'ok';
  const shown = steps.filter((s) => s.action !== 'unchanged');
  return {
    cohortId: cohort.id,
    status,
    summary: applied
      ? `${where} restored to ${request.at.toISOString()}: ${copied} copied, ${failed.length} failed (${changes})`
      : `dry run for ${where} at ${request.at.toISOString()}: ${changes}; run again with --apply to copy`,
    problems: [
      ...failed.map((s) => `${s.key}: the copy of version ${s.versionAt ?? '?'} failed: ${s.error ?? ''}`),
      ...steps.filter((s) => s.action === 'blocked').map((s) => `${s.key}: ${s.reason ?? 'cannot copy'}`),
    ],
    alerts: [],
    blocks: [
      {
        kind: 'table',
        title: applied ? 'What was done' : 'What --apply would do (nothing is ever deleted)',
        columns: ['Key', 'Change', 'Version at that time', 'Written', 'Current', ...(applied ? ['Result'] : [])],
        rows: shown
          .slice(0, MAX_ROWS)
          .map((s) => [
            s.key,
            LABEL[s.action],
            s.versionAt ?? '—',
            s.versionAtModified ?? '—',
            s.current,
            ...(applied
              ? [
                  s.result === undefined
                    ? '—'
                    : s.result === 'copied'
                      ? `copied → ${s.newVersionId ?? '?'}`
                      : `failed: ${s.error ?? ''}`,
                ]
              : []),
          ]),
      },
      ...(shown.length > MAX_ROWS
        ? [{ kind: 'text' as const, text: `… and ${shown.length - MAX_ROWS} more (see the JSON report).` }]
        : []),
    ],
    data: { bucket: where, at: request.at.toISOString(), applied, steps },
  };
}

export async function restoreCohort(
  cohort: ResolvedCohort,
  request: RestoreRequest,
  deps: RestoreDeps,
  ctx: JobContext,
): Promise<CohortReport> {
  const names = new CohortNames(deps.namePrefix, cohort.id);
  const bucket = names.bucket(request.bucket);
  const region = cohort.regions.primary;
  const where = `s3://${bucket}/${request.prefix}`;
  const entries = await listAll(deps.versions(region), bucket, request.prefix);
  const steps = planRestore(entries, request.at);
  const apply = request.apply && !ctx.dryRun;
  if (apply) ctx.logger.info(`${cohort.id}: copying ${steps.filter(isCopy).length} version(s) in ${where}`);
  const done = apply ? await applySteps(deps.copy(region), bucket, steps) : steps;
  return report(cohort, where, request, apply, done);
}
