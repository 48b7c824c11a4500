/**
 * The cohorts a pull request or a push has to plan (or destroy), from the git diff between two commits and the
 * cohorts in the checkout; or the one cohort a manual run names. The result feeds a workflow matrix, so every id
 * in it is checked against the cohort id rules first: it becomes a folder name, an artifact name and a job name.
 */
import path from 'node:path';
import type { LoadedRepository } from '../cohort/repository.ts';
import { CohortId } from '../cohort/schema.ts';
import { type ChangedCohorts, changedCohorts, type RepositoryCohorts } from '../plan/changed-cohorts.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';
import { changedFilesBetween, type Git, isNullSha } from './git.ts';

const COHORT_FILE = /^workshops\/([^/_][^/]*)\.yaml$/;

/** What the changed-cohort rules need from a loaded repository: every cohort file, and what each one reads. */
export function repositoryCohorts(loaded: Pick<LoadedRepository, 'cohorts' | 'checked'>): RepositoryCohorts {
  const ids = loaded.checked.flatMap((file) => COHORT_FILE.exec(file)?.[1] ?? []);
  const references: Record<string, string[]> = {};
  for (const { file, cohort } of loaded.cohorts) {
    const folder = path.posix.dirname(file);
    const paths = [cohort.roster, ...cohort.datasets.map((d) => d.source), ...cohort.etl.map((e) => e.script)];
    references[cohort.id] = paths.flatMap((p) => (p === undefined ? [] : [path.posix.join(folder, p)]));
  }
  return { ids, references };
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

const ID_RULE = 'lowercase a-z, 0-9 and single hyphens, 3-32 characters';

export function isCohortId(value: string): boolean {
  return CohortId.safeParse(value).success;
}

export function assertCohortId(value: string, what: string): void {
  if (!isCohortId(value)) throw new TargetError(`${what} "${value.slice(0, 40)}" is not a cohort id (${ID_RULE})`);
}

function checkIds(result: ChangedCohorts): ChangedCohorts {
  const invalid = result.targets.filter((target) => !isCohortId(target.id));
  if (invalid.length > 0) {
    const files = invalid.map((t) => `workshops/${t.id}.yaml`).join(', ');
    throw new TargetError(`${files}: not a valid cohort file name (${ID_RULE}); rename it`);
  }
  return result;
}

/** Targets for the change from `base` to `head`; with no base (a new branch), every cohort. */
export async function changedTargets(
  git: Git,
  base: string,
  head: string,
  repository: RepositoryCohorts,
): Promise<ChangedCohorts> {
  if (isNullSha(base)) {
    const reason = 'no previous commit to compare with: every cohort is planned';
    return checkIds({
      targets: [...repository.ids].sort().map((id) => ({ id, action: 'plan', reason })),
      everything: '(new branch)',
    });
  }
  return checkIds(changedCohorts(await changedFilesBetween(git, base, head), repository));
}

/** The single target of a manual run: the cohort must exist; a destroy only happens on the push that deletes it. */
export function dispatchedTarget(id: string, repository: RepositoryCohorts): ChangedCohorts {
  assertCohortId(id, 'cohort');
  if (!repository.ids.includes(id)) {
    throw new TargetError(
      `no cohort file workshops/${id}.yaml on this commit; a deleted cohort is destroyed by the push that deletes it`,
    );
  }
  return { targets: [{ id, action: 'plan', reason: 'requested by a manual run' }] };
}

/** The matrix entries: only the id and the action, so job names and artifact names stay short and stable. */
export function matrixTargets(result: ChangedCohorts): { id: string; action: 'plan' | 'destroy' }[] {
  return result.targets.map(({ id, action }) => ({ id, action }));
}

/** The job summary of the detection: what is planned or destroyed, and why. */
export function targetsSummary(result: ChangedCohorts): string {
  if (result.targets.length === 0) return '## Changed cohorts\n\nNo cohort is affected by this change.\n';
  const rows = result.targets.map(
    (t) => `| \`${t.id}\` | ${t.action === 'destroy' ? 'destroy' : 'plan'} | ${escapeMarkdown(t.reason)} |`,
  );
  const everything =
    result.everything === undefined
      ? []
      : [`Every cohort is planned because of: ${escapeMarkdown(result.everything)}`, ''];
  return ['## Changed cohorts', '', ...everything, '| cohort | action | why |', '|---|---|---|', ...rows, ''].join(
    '\n',
  );
}
