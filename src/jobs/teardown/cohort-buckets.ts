/**
 * Every bucket of a cohort with its region: four in the primary region; with a backup region, the two replicas and
 * the failover results bucket (listed whether or not failover is on now: a failback whose apply stopped on a
 * non-empty bucket leaves it behind; callers treat a missing bucket as nothing to do).
 */
import { CohortNames } from '../../cohort/names.ts';

export interface CohortBucket {
  readonly region: string;
  readonly bucket: string;
}

export interface BucketCohort {
  readonly id: string;
  readonly regions: { readonly primary: string; readonly backup?: string | undefined };
}

/**
 * In the order teardown empties them: the data buckets first, the trail bucket last (CloudTrail keeps writing to it
 * until the trail is destroyed, so it is the one most likely to get new objects).
 */
export function cohortBuckets(namePrefix: string, cohort: BucketCohort): CohortBucket[] {
  const names = new CohortNames(namePrefix, cohort.id);
  const { primary, backup } = cohort.regions;
  return [
    ...(['raw', 'processed', 'results'] as const).map((role) => ({ region: primary, bucket: names.bucket(role) })),
    ...(backup === undefined
      ? []
      : [
          ...(['raw', 'processed'] as const).map((role) => ({ region: backup, bucket: names.replicaBucket(role) })),
          { region: backup, bucket: names.failoverResultsBucket },
        ]),
    { region: primary, bucket: names.bucket('trail') },
  ];
}

/** The regions the cohort has resources in, and us-east-1, where the tagging API lists global resources. */
export function cohortRegions(cohort: BucketCohort): string[] {
  const { primary, backup } = cohort.regions;
  return [...new Set([primary, ...(backup === undefined ? [] : [backup]), 'us-east-1'])];
}
