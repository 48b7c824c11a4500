/**
 * Which cohorts a change (a pull request or a push) has to plan, and which it removes. A change to the shared
 * machinery (the CDKTF app, the core, org settings or the locked dependencies) replans every cohort.
 */

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  readonly path: string;
  readonly status: FileStatus;
  /** For renames: where the file was before. */
  readonly previousPath?: string | undefined;
}

export interface CohortTarget {
  readonly id: string;
  /** plan: create or update the cohort's stack; destroy: the cohort file was removed. */
  readonly action: 'plan' | 'destroy';
  readonly reason: string;
}

export interface ChangedCohorts {
  readonly targets: CohortTarget[];
  /** Set when every cohort is planned, with the file that caused it. */
  readonly everything?: string;
}

export interface RepositoryCohorts {
  /** Ids of the cohort files present after the change. */
  readonly ids: readonly string[];
  /** Repository paths each cohort reads (roster, datasets, ETL scripts), by cohort id. */
  readonly references: Readonly<Record<string, readonly string[]>>;
}

const EVERYTHING = [
  /^terraform-cdk\//,
  /^src\//,
  /^workshops\/_settings\.yaml$/,
  /^package(-lock)?\.json$/,
  /^cdktf\.json$/,
];
const COHORT_FILE = /^workshops\/([^/_][^/]*)\.yaml$/;

function cohortIdOf(path: string | undefined): string | undefined {
  return path === undefined ? undefined : COHORT_FILE.exec(path)?.[1];
}

export function changedCohorts(files: readonly ChangedFile[], repository: RepositoryCohorts): ChangedCohorts {
  const targets = new Map<string, CohortTarget>();
  const plan = (id: string, reason: string) => {
    if (!targets.has(id) && repository.ids.includes(id)) targets.set(id, { id, action: 'plan', reason });
  };
  const destroy = (id: string, reason: string) => {
    if (!repository.ids.includes(id)) targets.set(id, { id, action: 'destroy', reason });
  };

  const everything = files.find((f) => EVERYTHING.some((pattern) => pattern.test(f.path)))?.path;
  for (const file of files) {
    const id = cohortIdOf(file.path);
    const previousId = cohortIdOf(file.previousPath);
    if (file.status === 'removed' && id !== undefined) destroy(id, `${file.path} was removed`);
    if (file.status === 'renamed' && previousId !== undefined && previousId !== id) {
      destroy(previousId, `${file.previousPath} was renamed to ${file.path}`);
    }
    if (file.status !== 'removed' && id !== undefined) plan(id, `${file.path} changed`);
  }
  for (const [id, paths] of Object.entries(repository.references)) {
    const touched = files.find(
      (f) => paths.includes(f.path) || (f.previousPath !== undefined && paths.includes(f.previousPath)),
    );
    if (touched) plan(id, `${touched.path} (read by the cohort) changed`);
  }
  if (everything !== undefined) {
    for (const id of repository.ids) plan(id, `${everything} changed: every cohort is planned`);
  }

  const sorted = [...targets.values()].sort((a, b) => a.id.localeCompare(b.id));
  return everything === undefined ? { targets: sorted } : { targets: sorted, everything };
}
