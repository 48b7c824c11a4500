/**
 * The cohorts the drift workflow plans: every valid cohort of the repository, or the one asked for, from the
 * repository alone (no AWS). The role and region come from the ops-settings action.
 */
import { loadRepository } from '../../cohort/repository.ts';
import { ConfigError } from '../common/config-error.ts';
import { selectCohorts } from '../common/run-job.ts';

export interface DriftTargets {
  readonly cohorts: readonly string[];
}

export async function driftTargets(root: string, cohortId: string | undefined, now: Date): Promise<DriftTargets> {
  const repository = await loadRepository(root, { now });
  const { settings } = repository;
  if (settings === undefined) {
    throw new ConfigError('workshops/_settings.yaml is missing or invalid: run `npx workshop validate` and fix it.');
  }
  return { cohorts: selectCohorts(repository, cohortId).map((c) => c.id) };
}
