/**
 * After `terraform destroy`: what still carries the cohort's tag in its regions (and us-east-1, where global
 * resources are listed), from the Resource Groups Tagging API. With `--sweep` (and `--apply`), leftovers are deleted,
 * but only those carrying BOTH `managed-by = workshop-gitops` and `workshop:cohort = <id>`, of a type this job knows
 * how to delete; the rest are listed for a person. A sweep also refuses a cohort whose file is still on main.
 * Every deletion is listed in the report; any leftover not deleted fails the cohort, so the run shows red.
 */
import { describeError } from '../../aws/errors.ts';
import { type LeftoverKind, type ParsedArn, parseArn } from '../../aws/leftover-deletion.ts';
import { BucketMissingError } from '../../aws/s3-replication.ts';
import type { TaggedResource } from '../../aws/tagged-resources.ts';
import { TAG_COHORT } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { JobContext } from '../common/job-context.ts';
import type { CohortReport } from '../common/report.ts';
import type { TeardownApis } from './apis.ts';
import { cohortRegions } from './cohort-buckets.ts';
import { emptyBucket } from './empty-bucket.ts';
import { assertCohortId, assertRemovedFromMain, carriesBothTags, missingTags, RefusalError } from './safety.ts';

export type LeftoverOutcome = 'listed' | 'gone' | 'deleted' | 'would delete' | 'manual' | 'not touched' | 'failed';

export interface Leftover {
  readonly arn: string;
  /** Region whose tagging API listed it; where it is deleted from. */
  readonly region: string;
  readonly type: string;
  readonly outcome: LeftoverOutcome;
  readonly detail: string;
}

interface Found {
  readonly resource: TaggedResource;
  readonly region: string;
  readonly parsed: ParsedArn | undefined;
}

async function listTagged(apis: TeardownApis, cohort: ResolvedCohort): Promise<Found[]> {
  const byArn = new Map<string, Found>();
  for (const region of cohortRegions(cohort)) {
    for (const resource of await apis.tagged(region).resources({ [TAG_COHORT]: cohort.id })) {
      if (!byArn.has(resource.arn)) byArn.set(resource.arn, { resource, region, parsed: parseArn(resource.arn) });
    }
  }
  return [...byArn.values()];
}

function typeOf(found: Found): string {
  return found.parsed === undefined ? 'unknown' : `${found.parsed.service}:${found.parsed.resourceType}`;
}

/** The tagging API lags behind deletions; a bucket listed there may be gone already. */
async function bucketExists(apis: TeardownApis, found: Found): Promise<Readonly<Record<string, string>> | undefined> {
  try {
    return await apis.bucketTags(found.region).tags(found.parsed?.name ?? '');
  } catch (error) {
    if (error instanceof BucketMissingError) return undefined;
    throw error;
  }
}

async function deleteOne(apis: TeardownApis, found: Found, kind: LeftoverKind): Promise<'deleted' | 'absent'> {
  const name = found.parsed?.name ?? '';
  const region = found.parsed?.region || found.region;
  if (kind !== 's3-bucket') return apis.leftovers(region).delete(kind, name, found.resource.arn);
  const emptied = await emptyBucket(apis.versions(region), apis.deletes(region), name, {
    dryRun: false,
    sleep: apis.sleep,
  });
  if (emptied.failed.length > 0) throw new Error(`${emptied.failed.length} object version(s) could not be deleted`);
  return apis.deletes(region).deleteBucket(name);
}

async function settle(
  apis: TeardownApis,
  cohortId: string,
  found: Found,
  sweep: boolean,
  dryRun: boolean,
): Promise<Leftover> {
  const base = { arn: found.resource.arn, region: found.region, type: typeOf(found) };
  let tags = found.resource.tags;
  const kind = found.parsed?.kind;
  if (kind === 's3-bucket') {
    // The bucket's own tags decide, not the tagging API's copy of them.
    const current = await bucketExists(apis, found);
    if (current === undefined) return { ...base, outcome: 'gone', detail: 'already deleted (the tagging API lags)' };
    tags = current;
  }
  if (!sweep) return { ...base, outcome: 'listed', detail: 'still exists' };
  if (!carriesBothTags(tags, cohortId)) {
    return {
      ...base,
      outcome: 'not touched',
      detail: `lacks ${missingTags(tags, cohortId)}: delete it by hand if it is the cohort's`,
    };
  }
  if (kind === undefined)
    return { ...base, outcome: 'manual', detail: 'no automatic deletion for this type: delete it by hand' };
  if (dryRun) return { ...base, outcome: 'would delete', detail: 'carries both tags' };
  try {
    const outcome = await deleteOne(apis, found, kind);
    return outcome === 'deleted'
      ? { ...base, outcome: 'deleted', detail: 'carried both tags' }
      : { ...base, outcome: 'gone', detail: 'already deleted' };
  } catch (error) {
    return { ...base, outcome: 'failed', detail: describeError(error) };
  }
}

export async function leftoversCohort(
  cohort: ResolvedCohort,
  apis: TeardownApis,
  ctx: JobContext,
  sweep: boolean,
): Promise<CohortReport> {
  try {
    assertCohortId(cohort.id);
    if (sweep) await assertRemovedFromMain(apis.git, cohort.id);
  } catch (error) {
    if (!(error instanceof RefusalError)) throw error;
    return {
      cohortId: cohort.id,
      status: 'failed',
      summary: `refused: ${error.message}; nothing was deleted`,
      problems: [`refused: ${error.message}`],
      alerts: [],
      blocks: [],
    };
  }
  const found = await listTagged(apis, cohort);
  const leftovers: Leftover[] = [];
  // One at a time: sweeps are rare and small, and a sequential log reads well.
  for (const f of found) leftovers.push(await settle(apis, cohort.id, f, sweep, ctx.dryRun));

  const remaining = leftovers.filter((l) => l.outcome !== 'gone' && l.outcome !== 'deleted');
  const deleted = leftovers.filter((l) => l.outcome === 'deleted');
  const summary =
    leftovers.length === 0
      ? `nothing carries ${TAG_COHORT}=${cohort.id} any more`
      : `${remaining.length} leftover(s) still carry ${TAG_COHORT}=${cohort.id}${deleted.length > 0 ? `; ${deleted.length} deleted` : ''}`;
  return {
    cohortId: cohort.id,
    // A dry-run sweep only lists what it would delete: the leftovers are still there.
    status: remaining.length > 0 ? 'failed' : 'ok',
    summary,
    problems: remaining.map((l) => `${l.arn}: ${l.outcome}: ${l.detail}`),
    alerts: [],
    blocks:
      leftovers.length === 0
        ? []
        : [
            {
              kind: 'table',
              title: sweep ? 'Leftovers and the sweep' : 'Leftovers',
              columns: ['Resource', 'Type', 'Region', 'Outcome', 'Detail'],
              rows: leftovers.map((l) => [l.arn, l.type, l.region, l.outcome, l.detail]),
            },
            ...(deleted.length === 0
              ? []
              : [{ kind: 'list' as const, title: 'Deletions made', items: deleted.map((l) => l.arn) }]),
          ],
    data: { leftovers, sweep },
  };
}
