/**
 * Names of what failover adds in the backup region. The catalog database, crawlers and workgroups keep their primary
 * names (Glue and Athena names are per region); only the query-results bucket needs a name of its own, as bucket
 * names are global. It is shorter than `<base>-processed-dr`, which the validator already checks against S3's limit.
 */
import type { CohortNames } from '../../cohort/names.ts';

export function failoverResultsBucket(names: CohortNames): string {
  return `${names.base}-results-dr`;
}
