/** The source buckets of a cohort that replicate, each with its replica in the backup region. */
import { CohortNames } from '../../cohort/names.ts';

export type ReplicatedRole = 'raw' | 'processed';

export interface BucketPair {
  readonly role: ReplicatedRole;
  readonly source: string;
  readonly replica: string;
}

export const REPLICATED_ROLES: readonly ReplicatedRole[] = ['raw', 'processed'];

export function bucketPairs(namePrefix: string, cohortId: string): BucketPair[] {
  const names = new CohortNames(namePrefix, cohortId);
  return REPLICATED_ROLES.map((role) => ({ role, source: names.bucket(role), replica: names.replicaBucket(role) }));
}

export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}
