/**
 * What the drift workflow needs before it plans: the cohorts to plan (every valid cohort of the repository, or the
 * one asked for), the read-only plan role to assume and the state region, from the repository alone (no AWS).
 */
import { loadRepository } from '../../cohort/repository.ts';
import { ConfigError } from '../common/config-error.ts';
import { selectCohorts } from '../common/run-job.ts';

export interface DriftTargets {
  readonly cohorts: readonly string[];
  readonly planRoleArn: string;
  readonly stateRegion: string;
}

export async function driftTargets(root: string, cohortId: string | undefined, now: Date): Promise<DriftTargets> {
  const repository = await loadRepository(root, { now });
  const { settings } = repository;
  if (settings === undefined) {
    throw new ConfigError('workshops/_settings.yaml is missing or invalid: run `npx workshop validate` and fix it.');
  }
  return {
    cohorts: selectCohorts(repository, cohortId).map((c) => c.id),
    planRoleArn: settings.github.planRoleArn,
    stateRegion: settings.state.region,
  };
}
