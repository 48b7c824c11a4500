/**
 * Query and processing usage: Athena bytes scanned, Glue ETL and crawler DPU-hours, and the Glue Data Catalog.
 * Billing minimums are applied as AWS applies them: Athena bills at least 10 MB per query (rounded up to the MB),
 * Glue ETL at least 1 minute per run, a crawler at least 10 minutes per run.
 */
import { cronRunsPerDay } from './cron-frequency.ts';
import { formatBytes, formatNumber, plural } from './format.ts';
import { queriesPerSessionDay } from './storage-usage.ts';
import {
  activeShare,
  activeShareText,
  BYTES_PER_GB,
  type LineDraft,
  MB_PER_TB,
  type MonthUsage,
  sessionDaysText,
  studentsText,
} from './usage-context.ts';

export const ATHENA_MINIMUM_MB = 10;
export const ETL_MINIMUM_MINUTES = 1;
export const CRAWLER_MINIMUM_MINUTES = 10;

/** DPUs per worker of each Glue worker type. */
export const WORKER_DPU = { 'G.025X': 0.25, 'G.1X': 1, 'G.2X': 2 } as const;

/** GB an average query scans before billing rounding: the assumption, or a full scan of the largest dataset. */
export function scannedGbPerQuery(usage: MonthUsage): number {
  const wanted =
    usage.assumptions.gbScannedPerQuery ?? Math.max(0, ...Object.values(usage.datasetBytes)) / BYTES_PER_GB;
  // The workgroup cancels a query at its scan limit, and bills what was scanned up to it.
  return Math.min(wanted, usage.cohort.athena.scanLimitGbPerQuery);
}

/** MB Athena bills for one query scanning `gb`: rounded up to the MB, at least 10 MB. */
export function billedMbPerQuery(gb: number): number {
  return Math.max(ATHENA_MINIMUM_MB, Math.ceil(gb * 1024));
}

function athenaDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const scanned = scannedGbPerQuery(usage);
  const billedMb = billedMbPerQuery(scanned);
  const scans = scanned > 0 ? `; scans ${formatBytes(scanned * BYTES_PER_GB)}` : '';
  const perQuery =
    billedMb === ATHENA_MINIMUM_MB
      ? `${ATHENA_MINIMUM_MB} MB (the per-query minimum${scans})`
      : formatBytes(billedMb * 1024 * 1024);
  const who = [
    {
      item: 'student queries',
      people: studentsText(usage),
      count: cohort.students.length,
      q: assumptions.queriesPerStudentPerDay,
    },
    {
      item: 'instructor queries',
      people: plural(cohort.instructors.length, 'instructor'),
      count: cohort.instructors.length,
      q: assumptions.queriesPerInstructorPerDay,
    },
  ];
  return who.map(({ item, people, count, q }) => ({
    service: 'Athena',
    item,
    priceItem: 'athena-scanned',
    region: cohort.regions.primary,
    quantity: (count * q * usage.sessionDays * billedMb) / MB_PER_TB,
    assumption: `${people} × ${formatNumber(q)} queries/day × ${sessionDaysText(usage)} × ${perQuery}`,
  }));
}

function etlDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const minutes = Math.max(assumptions.etlMinutesPerRun, ETL_MINIMUM_MINUTES);
  return cohort.etl.flatMap((job) => {
    const dpuHoursPerRun = (job.maxWorkers * WORKER_DPU[job.workerType] * minutes) / 60;
    const perRun = `${job.maxWorkers} × ${job.workerType} (${WORKER_DPU[job.workerType]} DPU) × ${formatNumber(minutes)} min`;
    const studentRuns = cohort.students.length * assumptions.etlRunsPerStudentPerDay * usage.sessionDays;
    const drafts: LineDraft[] = [
      {
        service: 'Glue',
        item: `ETL ${job.name} (student copies)`,
        priceItem: 'glue-etl-dpu-hour',
        region: cohort.regions.primary,
        quantity: studentRuns * dpuHoursPerRun,
        assumption: `${studentsText(usage)} × ${plural(assumptions.etlRunsPerStudentPerDay, 'run')}/day × ${sessionDaysText(usage)} × ${perRun}`,
      },
    ];
    if (job.schedule !== undefined) {
      const perDay = cronRunsPerDay(job.schedule);
      drafts.push({
        service: 'Glue',
        item: `ETL ${job.name} (schedule)`,
        priceItem: 'glue-etl-dpu-hour',
        region: cohort.regions.primary,
        quantity: perDay * usage.activeDays * dpuHoursPerRun,
        assumption: `${plural(perDay, 'run')}/day × ${plural(usage.activeDays, 'day')} provisioned × ${perRun}`,
      });
    }
    return drafts;
  });
}

function crawlerDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const crawlers = cohort.datasets.length;
  if (crawlers === 0) return [];
  const scheduled = cronRunsPerDay(cohort.crawler.schedule);
  const runs = crawlers * (scheduled * usage.activeDays + assumptions.crawlerManualRunsPerDay * usage.sessionDays);
  const minutes = Math.max(assumptions.crawlerMinutesPerRun, CRAWLER_MINIMUM_MINUTES);
  return [
    {
      service: 'Glue',
      item: 'crawlers',
      priceItem: 'glue-crawler-dpu-hour',
      region: cohort.regions.primary,
      quantity: (runs * assumptions.crawlerDpus * minutes) / 60,
      assumption: `${plural(crawlers, 'crawler')} × (${plural(scheduled, 'scheduled run')}/day × ${plural(usage.activeDays, 'day')} + ${plural(assumptions.crawlerManualRunsPerDay, 'manual run')}/day × ${sessionDaysText(usage)}) × ${formatNumber(assumptions.crawlerDpus)} DPU × ${formatNumber(minutes)} min${minutes > assumptions.crawlerMinutesPerRun ? ' (10-minute minimum)' : ''}`,
    },
  ];
}

function catalogDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const objects = 1 + cohort.datasets.length + cohort.students.length * assumptions.catalogObjectsPerStudent;
  const queries = queriesPerSessionDay(usage) * usage.sessionDays;
  return [
    {
      service: 'Glue',
      item: 'Data Catalog storage',
      priceItem: 'glue-catalog-storage',
      region: cohort.regions.primary,
      quantity: (objects * activeShare(usage)) / 100_000,
      assumption: `(1 database + ${plural(cohort.datasets.length, 'table')} + ${studentsText(usage)} × ${formatNumber(assumptions.catalogObjectsPerStudent)}) objects × ${activeShareText(usage)}`,
    },
    {
      service: 'Glue',
      item: 'Data Catalog requests',
      priceItem: 'glue-catalog-requests',
      region: cohort.regions.primary,
      quantity: (queries * assumptions.catalogRequestsPerQuery) / 1_000_000,
      assumption: `${formatNumber(queries)} queries × ${formatNumber(assumptions.catalogRequestsPerQuery)} requests`,
    },
  ];
}

export function computeDrafts(usage: MonthUsage): LineDraft[] {
  return [...athenaDrafts(usage), ...etlDrafts(usage), ...crawlerDrafts(usage), ...catalogDrafts(usage)];
}
