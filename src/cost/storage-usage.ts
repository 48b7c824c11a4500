/**
 * S3 usage: storage by class (following the cohort's lifecycle rules), requests, and cross-region replication with
 * the replicas stored (and priced) in the backup region. Noncurrent versions are left out: the workshop mostly adds
 * objects, and the lifecycle expires old versions.
 */
import type { ResolvedCohort } from '../cohort/schema.ts';
import { formatBytes, formatNumber, plural } from './format.ts';
import type { PriceItem } from './price-table.ts';
import { BYTES_PER_GB, type LineDraft, type MonthUsage, sessionDaysText, studentsText } from './usage-context.ts';

type StorageClass = 'Standard' | 'Standard-IA' | 'Glacier Flexible Retrieval' | 'Deep Archive';

const CLASS_PRICES: Record<StorageClass, PriceItem> = {
  Standard: 's3-storage-standard',
  'Standard-IA': 's3-storage-standard-ia',
  'Glacier Flexible Retrieval': 's3-storage-glacier-flexible-retrieval',
  'Deep Archive': 's3-storage-deep-archive',
};

/** Objects written together: they age, change class and expire together. */
interface ObjectBatch {
  readonly bytes: number;
  /** Calendar index of the day they are written. */
  readonly writtenIndex: number;
  /** Days until the lifecycle expires them. */
  readonly lifetimeDays: number;
}

/** The class an object of this age is in under the cohort's lifecycle rules. */
export function storageClassAt(age: number, storage: ResolvedCohort['storage']): StorageClass {
  if (age >= storage.deepArchiveAfterDays) return 'Deep Archive';
  if (age >= storage.glacierAfterDays) return 'Glacier Flexible Retrieval';
  if (age >= storage.infrequentAccessAfterDays) return 'Standard-IA';
  return 'Standard';
}

function storageDrafts(usage: MonthUsage, what: string, region: string, batches: readonly ObjectBatch[]): LineDraft[] {
  const perClass = new Map<StorageClass, { bytes: number[]; total: number }>();
  for (const day of usage.days) {
    const byClass = new Map<StorageClass, number>();
    for (const batch of batches) {
      const age = day.index - batch.writtenIndex;
      if (batch.bytes <= 0 || age < 0 || age >= batch.lifetimeDays) continue;
      const storageClass = storageClassAt(age, usage.cohort.storage);
      byClass.set(storageClass, (byClass.get(storageClass) ?? 0) + batch.bytes);
    }
    for (const [storageClass, bytes] of byClass) {
      const entry = perClass.get(storageClass) ?? { bytes: [], total: 0 };
      entry.bytes.push(bytes);
      entry.total += bytes;
      perClass.set(storageClass, entry);
    }
  }
  return [...perClass].map(([storageClass, { bytes, total }]) => {
    const steady = bytes.every((b) => b === bytes[0]);
    const size = `${steady ? '' : 'avg '}${formatBytes(total / bytes.length)}`;
    return {
      service: 'S3',
      item: `${what} storage (${storageClass})`,
      priceItem: CLASS_PRICES[storageClass],
      region,
      quantity: total / BYTES_PER_GB / usage.daysInMonth,
      assumption: `${size} × ${bytes.length} of ${usage.daysInMonth} days`,
    };
  });
}

/** Bytes one ETL output occupies, for every copy of every job (each student's copy plus the cohort's own). */
export function processedBytes(usage: MonthUsage): number {
  const copies = (usage.cohort.students.length + 1) * usage.cohort.etl.length;
  return copies * usage.rawBytes * usage.assumptions.processedToRawRatio;
}

function processedText(usage: MonthUsage): string {
  const { cohort, assumptions } = usage;
  return `(${studentsText(usage)} + 1 cohort copy) × ${plural(cohort.etl.length, 'job')} × ${formatBytes(usage.rawBytes)} raw × ${formatNumber(assumptions.processedToRawRatio)}`;
}

function sourceBatches(usage: MonthUsage, share: number): { raw: ObjectBatch[]; processed: ObjectBatch[] } {
  const lifetimeDays = usage.cohort.storage.expireAfterDays;
  const processed = processedBytes(usage) * share;
  return {
    raw: [{ bytes: usage.rawBytes * share, writtenIndex: 0, lifetimeDays }],
    processed: [{ bytes: processed, writtenIndex: usage.calendar.firstSessionIndex, lifetimeDays }],
  };
}

export function queriesPerSessionDay(usage: MonthUsage): number {
  const { cohort, assumptions } = usage;
  return (
    cohort.students.length * assumptions.queriesPerStudentPerDay +
    cohort.instructors.length * assumptions.queriesPerInstructorPerDay
  );
}

function resultBatches(usage: MonthUsage): ObjectBatch[] {
  const bytes = queriesPerSessionDay(usage) * usage.assumptions.resultMbPerQuery * 1024 * 1024;
  const lifetimeDays = Math.min(usage.cohort.athena.resultRetentionDays, usage.cohort.storage.expireAfterDays);
  return usage.calendar.days.filter((d) => d.session).map((d) => ({ bytes, writtenIndex: d.index, lifetimeDays }));
}

function seededObjects(usage: MonthUsage): number {
  return usage.provisionedThisMonth ? usage.cohort.datasets.length + usage.cohort.etl.length : 0;
}

function requestDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const region = cohort.regions.primary;
  const students = cohort.students.length;
  const seeded = seededObjects(usage);
  const seededText = seeded > 0 ? ` + ${plural(seeded, 'seeded object')}` : '';
  const perDay = (n: number) => `${studentsText(usage)} × ${formatNumber(n)}/day × ${sessionDaysText(usage)}`;
  return [
    {
      service: 'S3',
      item: 'PUT/COPY/POST/LIST requests',
      priceItem: 's3-requests-put',
      region,
      quantity: (students * assumptions.putRequestsPerStudentPerDay * usage.sessionDays + seeded) / 1000,
      assumption: `${perDay(assumptions.putRequestsPerStudentPerDay)}${seededText}`,
    },
    {
      service: 'S3',
      item: 'GET requests',
      priceItem: 's3-requests-get',
      region,
      quantity: (students * assumptions.getRequestsPerStudentPerDay * usage.sessionDays) / 1000,
      assumption: perDay(assumptions.getRequestsPerStudentPerDay),
    },
  ];
}

function replicationDrafts(usage: MonthUsage, backup: string): LineDraft[] {
  const { cohort, assumptions } = usage;
  const share = assumptions.replicatedDataShare;
  const { raw, processed } = sourceBatches(usage, share);
  const rawNow = usage.provisionedThisMonth ? usage.rawBytes : 0;
  const processedNow = usage.firstSessionThisMonth ? processedBytes(usage) : 0;
  const gb = ((rawNow + processedNow) * share) / BYTES_PER_GB;
  const transferText = `(${formatBytes(rawNow)} raw + ${formatBytes(processedNow)} processed written) × ${formatNumber(share * 100)}% replicated`;
  const studentPuts = cohort.students.length * assumptions.putRequestsPerStudentPerDay * usage.sessionDays;
  const seeded = usage.provisionedThisMonth ? cohort.datasets.length : 0;
  return [
    {
      service: 'S3 replication',
      item: `transfer ${cohort.regions.primary} → ${backup}`,
      priceItem: 's3-replication-transfer',
      region: cohort.regions.primary,
      quantity: gb,
      assumption: transferText,
    },
    {
      service: 'S3 replication',
      item: 'Replication Time Control',
      priceItem: 's3-replication-rtc',
      region: cohort.regions.primary,
      quantity: gb,
      assumption: transferText,
    },
    {
      service: 'S3',
      item: 'replica PUT requests',
      priceItem: 's3-requests-put',
      region: backup,
      quantity: (studentPuts * assumptions.replicatedWriteShare + seeded) / 1000,
      assumption: `${studentsText(usage)} × ${formatNumber(assumptions.putRequestsPerStudentPerDay)}/day × ${sessionDaysText(usage)} × ${formatNumber(assumptions.replicatedWriteShare * 100)}% to replicated buckets${seeded > 0 ? ` + ${plural(seeded, 'seeded object')}` : ''}`,
    },
    ...storageDrafts(usage, 'raw replica', backup, raw),
    ...storageDrafts(usage, 'processed replica', backup, processed),
  ];
}

export function s3Drafts(usage: MonthUsage): LineDraft[] {
  const { cohort } = usage;
  const primary = cohort.regions.primary;
  const { raw, processed } = sourceBatches(usage, 1);
  const processedDrafts = storageDrafts(usage, 'processed', primary, processed).map((d) => ({
    ...d,
    assumption: `${processedText(usage)}: ${d.assumption}`,
  }));
  const drafts = [
    ...storageDrafts(usage, 'raw', primary, raw),
    ...processedDrafts,
    ...storageDrafts(usage, 'query results', primary, resultBatches(usage)),
    ...requestDrafts(usage),
  ];
  if (cohort.regions.backup !== undefined) drafts.push(...replicationDrafts(usage, cohort.regions.backup));
  return drafts;
}
