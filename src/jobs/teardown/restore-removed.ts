/**
 * The leftovers of a cohort removed some time ago are checked from a checkout where its file is gone; the job needs
 * the file (regions, name prefix) all the same. This puts back what the commit that removed it deleted under
 * workshops/ (the cohort file, and a roster removed with it), as it was just before, the same way the apply workflow
 * restores a cohort it destroys. Nothing the checkout holds is overwritten.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Git, GitError } from '../../github/git.ts';
import { type RestoreResult, restoreDeleted } from '../../github/restore-deleted.ts';
import { cohortFilePath } from '../../github/teardown-pr.ts';
import { assertCohortId } from './safety.ts';

export async function restoreRemovedCohort(git: Git, root: string, cohortId: string): Promise<RestoreResult> {
  const file = cohortFilePath(assertCohortId(cohortId));
  if (existsSync(path.join(root, file))) return { restored: [], kept: [file] };
  const removal = (await git(['log', '-1', '--format=%H', '--diff-filter=D', 'HEAD', '--', file]))
    .toString('utf8')
    .trim();
  if (removal === '') {
    throw new GitError(
      `${file} was never removed in this branch's history: check the cohort id (a shallow clone needs fetch-depth: 0)`,
    );
  }
  const parent = (await git(['rev-parse', '--verify', `${removal}^`])).toString('utf8').trim();
  return restoreDeleted(git, root, parent, removal);
}
