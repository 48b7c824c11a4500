/**
 * A cohort whose file a change deletes is planned for destruction, which needs it synthesized as it was. Restoring
 * every file the change deleted under workshops/ (the cohort file, and its roster, datasets or scripts if they went
 * with it) from the base commit makes that possible without touching any file the change kept: a deleted path does
 * not exist in the checkout, so nothing the change wrote is overwritten.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangedFile } from '../plan/changed-cohorts.ts';
import { assertCommitSha, changedFilesBetween, type Git } from './git.ts';

export const RESTORED_FOLDER = 'workshops/';

/** Paths under `folder` that exist before the change and not after it (removed, or the source of a rename). */
export function deletedPaths(files: readonly ChangedFile[], folder = RESTORED_FOLDER): string[] {
  const paths = new Set<string>();
  for (const file of files) {
    if (file.status === 'removed') paths.add(file.path);
    if (file.status === 'renamed' && file.previousPath !== undefined) paths.add(file.previousPath);
  }
  return [...paths].filter((p) => p.startsWith(folder)).sort();
}

/** Git paths are repository-relative with `/`; refuse anything that could land outside the folder. */
function safeTarget(root: string, repoPath: string, folder: string): string {
  const normal = path.posix.normalize(repoPath);
  if (normal !== repoPath || !normal.startsWith(folder) || normal.split('/').includes('..')) {
    throw new Error(`refusing to restore "${repoPath}": not a plain path under ${folder}`);
  }
  return path.join(root, ...normal.split('/'));
}

export interface RestoreResult {
  readonly restored: string[];
  /** Deleted paths that exist in the checkout anyway (e.g. written by an earlier step): left as they are. */
  readonly kept: string[];
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Writes `paths` as they are in commit `base` into the checkout at `root`, never overwriting a file. */
export async function restoreFromCommit(
  git: Git,
  root: string,
  base: string,
  paths: readonly string[],
  folder = RESTORED_FOLDER,
): Promise<RestoreResult> {
  assertCommitSha(base, 'base');
  const result: RestoreResult = { restored: [], kept: [] };
  for (const repoPath of paths) {
    const target = safeTarget(root, repoPath, folder);
    // `cat-file blob` gives the stored bytes: no text conversion, no attributes, no pathspec magic in the name.
    const content = await git(['cat-file', 'blob', `${base}:${repoPath}`]);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await writeFile(target, content, { flag: 'wx' });
      result.restored.push(repoPath);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      result.kept.push(repoPath);
    }
  }
  return result;
}

/** Restores what the change from `base` to `head` deleted under workshops/. */
export async function restoreDeleted(git: Git, root: string, base: string, head: string): Promise<RestoreResult> {
  return restoreFromCommit(git, root, base, deletedPaths(await changedFilesBetween(git, base, head)));
}
