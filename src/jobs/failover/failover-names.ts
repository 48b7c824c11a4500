/**
 * Names of what failover adds in the backup region, for the failover pull requests. The catalog database, crawlers
 * and workgroups keep their primary names (Glue and Athena names are per region); the query-results bucket's name
 * is derived in `CohortNames`, so the stack, the validator and these texts agree on it.
 */
import type { CohortNames } from '../../cohort/names.ts';

export function failoverResultsBucket(names: CohortNames): string {
  return names.failoverResultsBucket;
}
