/**
 * The rules that keep teardown from destroying the wrong thing. It refuses:
 * - an empty cohort id, or one with wildcard characters or spaces (ids are never patterns);
 * - a cohort whose file is still on main: a cohort is destroyed only after the pull request removing its file was
 *   merged. The check reads the committed trees of git (HEAD, the remote-tracking `origin/main`, the local `main`),
 *   never the working tree, where the apply workflow restores removed files to synthesize them;
 * - any resource that does not carry BOTH `managed-by = workshop-gitops` and `workshop:cohort = <id>`.
 */

import { MANAGED_BY, TAG_COHORT, TAG_MANAGED_BY } from '../../cohort/names.ts';
import { COHORT_ID_PATTERN } from '../../cohort/schema.ts';
import { type Git, GitError } from '../../github/git.ts';
import { cohortFilePath } from '../../github/teardown-pr.ts';

/** A refusal: the cohort fails with this sentence, and nothing is deleted. */
export class RefusalError extends Error {
  override readonly name = 'RefusalError';
}

/** Why `id` cannot name one cohort, or undefined when it can. */
export function cohortIdProblem(id: string | undefined): string | undefined {
  if (id === undefined || id.trim() === '')
    return 'a cohort id is required (--cohort ID); teardown never works on "all cohorts"';
  if (/[*?[\]{}]/.test(id)) return `"${id}" contains wildcard characters: give one exact cohort id`;
  if (/\s/.test(id)) return `"${id}" contains spaces: give one exact cohort id`;
  if (!COHORT_ID_PATTERN.test(id) || id.includes('--')) return `"${id}" is not a cohort id`;
  return undefined;
}

export function assertCohortId(id: string | undefined): string {
  const problem = cohortIdProblem(id);
  if (problem !== undefined) throw new RefusalError(problem);
  return id as string;
}

/** The main branch as this checkout knows it: the remote-tracking branch first (fresh from the fetch), then local. */
const MAIN_REFS = ['refs/remotes/origin/main', 'refs/heads/main'];

async function commitOf(git: Git, ref: string): Promise<string | undefined> {
  try {
    const out = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return out.toString('utf8').trim() || undefined;
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

async function hasFile(git: Git, commit: string, file: string): Promise<boolean> {
  const out = await git(['ls-tree', '--name-only', commit, '--', file]);
  return out.toString('utf8').trim() !== '';
}

/** Throws RefusalError unless the cohort file is gone from main (and from the commit checked out). */
export async function assertRemovedFromMain(git: Git, cohortId: string): Promise<void> {
  const file = cohortFilePath(assertCohortId(cohortId));
  const mains: string[] = [];
  for (const ref of MAIN_REFS) {
    const commit = await commitOf(git, ref);
    if (commit !== undefined) mains.push(commit);
  }
  if (mains.length === 0) {
    throw new RefusalError(
      `cannot tell whether ${file} is still on main: this checkout has no main branch (fetch it, or run in the workflow)`,
    );
  }
  const head = await commitOf(git, 'HEAD');
  for (const commit of [...new Set([...mains, ...(head === undefined ? [] : [head])])]) {
    if (await hasFile(git, commit, file)) {
      throw new RefusalError(
        `${file} is still on main (commit ${commit.slice(0, 12)}): teardown destroys a cohort only after the pull request removing its file was merged`,
      );
    }
  }
}

/** Both tags, with this cohort's id: the only resources teardown ever empties or deletes. */
export function carriesBothTags(tags: Readonly<Record<string, string>> | undefined, cohortId: string): boolean {
  return tags?.[TAG_MANAGED_BY] === MANAGED_BY && tags[TAG_COHORT] === cohortId;
}

/** Which of the two tags is missing or wrong, for the report. */
export function missingTags(tags: Readonly<Record<string, string>> | undefined, cohortId: string): string {
  const missing: string[] = [];
  if (tags?.[TAG_MANAGED_BY] !== MANAGED_BY) missing.push(`${TAG_MANAGED_BY}=${MANAGED_BY}`);
  if (tags?.[TAG_COHORT] !== cohortId) missing.push(`${TAG_COHORT}=${cohortId}`);
  return missing.join(' and ');
}
