/**
 * Where a cohort's money goes, section by section: Athena per workgroup with the costliest queries, Glue per job
 * with worker advice, bucket sizes. A read that fails becomes a problem of the cohort, never a failed cohort.
 */
import type { JobRunSummary } from '../../aws/glue-job-runs.ts';
import type { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { findPrice } from '../../cost/price-table.ts';
import { type ExpensiveQuery, expensiveQueries, type WorkgroupUsage, workgroupUsage } from './athena-usage.ts';
import { type BucketUsage, bucketUsage } from './bucket-storage.ts';
import type { AthenaSection, GlueSection } from './cohort-cost.ts';
import { jobUsage, workerAdvice } from './glue-usage.ts';
import { attempt, readEach, someNames } from './read-each.ts';
import type { Shared } from './report-context.ts';

const byCost = <T extends { readonly costUsd: number }>(a: T, b: T) => b.costUsd - a.costUsd;

export async function athenaSection(shared: Shared, cohort: ResolvedCohort, names: CohortNames, problems: string[]) {
  const region = cohort.regions.primary;
  const usdPerTb = findPrice(shared.run.prices, 'athena-scanned', region).row.priceUsd;
  const api = shared.apis.athena(region);
  const catalog = await attempt(() => shared.apis.glue(region).tables(names.database));
  if (!catalog.ok) {
    problems.push(
      `could not read the Glue catalog ${names.database}, so query advice ignores table formats: ${catalog.error}`,
    );
  }
  const workgroups = [
    ...cohort.students.map((s) => ({ owner: s.id, name: names.studentWorkgroup(s.id) })),
    { owner: 'instructors', name: names.instructorWorkgroup },
  ];
  const histories = await readEach(
    workgroups,
    (wg) => api.queryHistory(wg.name, { since: shared.period.since }),
    {
      failed: 'the Athena query history',
      truncated: (list) =>
        `Athena workgroups ${list} ran more queries than the report reads: their figures are a lower bound`,
    },
    problems,
  );
  const usage: WorkgroupUsage[] = histories
    .map((h) => workgroupUsage(h.name, h.owner, h.history, usdPerTb))
    .sort((a, b) => byCost(a, b) || a.workgroup.localeCompare(b.workgroup));
  const topQueries: ExpensiveQuery[] = expensiveQueries(
    histories.map((h) => ({ owner: h.owner, executions: h.history.executions })),
    usdPerTb,
    { tables: catalog.ok ? catalog.value : [], defaultDatabase: names.database },
  );
  return {
    workgroups: usage,
    topQueries,
    totalUsd: usage.reduce((sum, w) => sum + w.costUsd, 0),
    scannedBytes: usage.reduce((sum, w) => sum + w.scannedBytes, 0),
  } satisfies AthenaSection;
}

export async function glueSection(shared: Shared, cohort: ResolvedCohort, names: CohortNames, problems: string[]) {
  const region = cohort.regions.primary;
  const usdPerDpuHour = findPrice(shared.run.prices, 'glue-etl-dpu-hour', region).row.priceUsd;
  const api = shared.apis.glue(region);
  const jobs = cohort.etl.flatMap((entry) => [
    { entry, owner: 'shared', name: names.job(entry.name) },
    ...cohort.students.map((s) => ({ entry, owner: s.id, name: names.studentJob(entry.name, s.id) })),
  ]);
  const histories = await readEach(
    jobs,
    (job) => api.jobRuns(job.name, { since: shared.period.since }),
    {
      failed: 'the Glue job runs',
      truncated: (list) => `Glue jobs ${list} ran more often than the report reads: their figures are a lower bound`,
    },
    problems,
  );
  const missing = histories.filter((h) => h.history.missing).map((h) => h.name);
  if (missing.length > 0) problems.push(`Glue jobs ${someNames(missing)} do not exist yet: apply the cohort`);
  const usage = histories
    .map((h) =>
      jobUsage(
        { name: h.name, etl: h.entry.name, owner: h.owner, workerType: h.entry.workerType },
        h.history,
        usdPerDpuHour,
      ),
    )
    .sort((a, b) => byCost(a, b) || a.job.localeCompare(b.job));
  const runsByEntry = new Map<string, JobRunSummary[]>();
  for (const h of histories)
    runsByEntry.set(h.entry.name, [...(runsByEntry.get(h.entry.name) ?? []), ...h.history.runs]);
  const advice = cohort.etl.flatMap((entry) => workerAdvice(entry, runsByEntry.get(entry.name) ?? []) ?? []);
  return {
    jobs: usage,
    advice,
    totalUsd: usage.reduce((sum, j) => sum + j.costUsd, 0),
    dpuHours: usage.reduce((sum, j) => sum + j.dpuHours, 0),
  } satisfies GlueSection;
}

export async function storageSection(
  shared: Shared,
  cohort: ResolvedCohort,
  names: CohortNames,
  problems: string[],
): Promise<BucketUsage[]> {
  const places = [
    {
      region: cohort.regions.primary,
      buckets: (['raw', 'processed', 'results', 'trail'] as const).map((r) => names.bucket(r)),
    },
    ...(cohort.regions.backup === undefined
      ? []
      : [
          {
            region: cohort.regions.backup,
            buckets: (['raw', 'processed'] as const).map((r) => names.replicaBucket(r)),
          },
        ]),
  ];
  const out: BucketUsage[] = [];
  for (const place of places) {
    const metrics = await attempt(() =>
      shared.apis.cloudwatch(place.region).bucketSizes(place.buckets, shared.run.ctx.now()),
    );
    if (!metrics.ok) {
      problems.push(`could not read the bucket sizes in ${place.region}: ${metrics.error}`);
      continue;
    }
    out.push(...place.buckets.map((b) => bucketUsage(b, place.region, metrics.value, shared.run.prices)));
  }
  return out;
}
