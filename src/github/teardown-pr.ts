/**
 * The teardown pull request of a cohort: branch `teardown/<id>` from main, one commit deleting
 * `workshops/<id>.yaml` (GitHub contents API), and a pull request whose body carries the final cost report and the
 * security check. Reviewing and merging it is the approval: the apply workflow then destroys the cohort. One pull
 * request per cohort: an open one is updated in place, a merged one is left alone, and one closed without merging
 * is not reopened (closing it is how a person says "not yet").
 */
import { GitHubApiError, type GitHubRest, repoPath } from './github-rest.ts';
import { ISSUE_BODY_LIMIT } from './titled-issue.ts';

export type PullState = 'open' | 'closed' | 'merged';

export interface PullSummary {
  readonly number: number;
  readonly state: PullState;
  readonly url?: string;
  readonly body: string;
}

export interface TeardownRepoApi {
  /** Head commit of a branch, or undefined when there is no such branch. */
  branchSha(branch: string): Promise<string | undefined>;
  createBranch(branch: string, sha: string): Promise<void>;
  /** Blob id of a file on a branch, or undefined when the file is not there. */
  fileSha(path: string, branch: string): Promise<string | undefined>;
  deleteFile(path: string, branch: string, sha: string, message: string): Promise<void>;
  /** Pull requests from `branch` of this repository, any state. */
  pulls(branch: string): Promise<PullSummary[]>;
  createPull(pull: { title: string; head: string; base: string; body: string }): Promise<PullSummary>;
  updatePullBody(pullNumber: number, body: string): Promise<PullSummary>;
}

export const BASE_BRANCH = 'main';

export function teardownBranch(cohortId: string): string {
  return `teardown/${cohortId}`;
}

export function teardownTitle(cohortId: string): string {
  return `Teardown: ${cohortId}`;
}

export function cohortFilePath(cohortId: string): string {
  return `workshops/${cohortId}.yaml`;
}

export interface TeardownPullRequest {
  readonly cohortId: string;
  readonly body: string;
  /**
   * When teardown is due (ISO). Recorded in the body, so a pull request closed without merging stays closed for that
   * date, and a postponed teardown (a later date) gets a new pull request when it falls due.
   */
  readonly dueDate?: string;
}

const DUE_MARKER = /<!-- workshop-teardown-due:([0-9TZ:.-]+) -->/;

function dueOf(body: string): string | undefined {
  return DUE_MARKER.exec(body)?.[1];
}

export interface TeardownPullResult {
  readonly number: number;
  readonly state: PullState;
  readonly url?: string;
  /** What this run did: opened it, refreshed its body, or nothing (merged, closed, or already up to date). */
  readonly action: 'opened' | 'updated' | 'unchanged';
  /** Whether this run deleted the cohort file on the branch. */
  readonly deletedFile: boolean;
}

/** Deletes the cohort file on the branch if it is still there (a branch left by an earlier, interrupted run). */
async function removeCohortFile(api: TeardownRepoApi, cohortId: string, branch: string): Promise<boolean> {
  const path = cohortFilePath(cohortId);
  const sha = await api.fileSha(path, branch);
  if (sha === undefined) return false;
  await api.deleteFile(path, branch, sha, `Teardown: remove ${path}`);
  return true;
}

function result(pull: PullSummary, action: TeardownPullResult['action'], deletedFile: boolean): TeardownPullResult {
  return {
    number: pull.number,
    state: pull.state,
    action,
    deletedFile,
    ...(pull.url === undefined ? {} : { url: pull.url }),
  };
}

/** Open > merged > closed; among equals, the newest. */
function currentPull(pulls: readonly PullSummary[]): PullSummary | undefined {
  const rank: Record<PullState, number> = { open: 0, merged: 1, closed: 2 };
  return [...pulls].sort((a, b) => rank[a.state] - rank[b.state] || b.number - a.number)[0];
}

/** Opens the teardown pull request, or refreshes the body of the open one. */
export async function ensureTeardownPull(
  api: TeardownRepoApi,
  request: TeardownPullRequest,
): Promise<TeardownPullResult> {
  const { cohortId, dueDate } = request;
  const body = dueDate === undefined ? request.body : `${request.body}\n<!-- workshop-teardown-due:${dueDate} -->`;
  if (body.length > ISSUE_BODY_LIMIT) {
    throw new Error(`the pull request body is ${body.length} characters; GitHub accepts at most ${ISSUE_BODY_LIMIT}`);
  }
  const branch = teardownBranch(cohortId);
  const current = currentPull(await api.pulls(branch));
  const postponed = current?.state === 'closed' && dueDate !== undefined && dueOf(current.body) !== dueDate;
  if (current !== undefined && current.state !== 'open' && !postponed) return result(current, 'unchanged', false);
  const existing = postponed ? undefined : current;

  if ((await api.branchSha(branch)) === undefined) {
    const main = await api.branchSha(BASE_BRANCH);
    if (main === undefined) throw new Error(`the repository has no ${BASE_BRANCH} branch`);
    await api.createBranch(branch, main);
  }
  const deletedFile = await removeCohortFile(api, cohortId, branch);

  if (existing !== undefined) {
    if (existing.body === body) return result(existing, 'unchanged', deletedFile);
    return result(await api.updatePullBody(existing.number, body), 'updated', deletedFile);
  }
  const pull = await api.createPull({ title: teardownTitle(cohortId), head: branch, base: BASE_BRANCH, body });
  return result(pull, 'opened', deletedFile);
}

// ---- over the REST client ----------------------------------------------------------------------------------------

interface RestPull {
  readonly number: number;
  readonly state: string;
  readonly merged_at?: string | null;
  readonly html_url?: string;
  readonly body?: string | null;
}

function toPull(pull: RestPull): PullSummary {
  const state: PullState =
    pull.merged_at !== null && pull.merged_at !== undefined ? 'merged' : pull.state === 'open' ? 'open' : 'closed';
  return { number: pull.number, state, body: pull.body ?? '', ...(pull.html_url ? { url: pull.html_url } : {}) };
}

/** `workshops/x.yaml` → `workshops/x.yaml` with each segment encoded; branch names keep their slashes. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

async function orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return undefined;
    throw error;
  }
}

export function restTeardownRepo(rest: GitHubRest, repository: string): TeardownRepoApi {
  const repo = repoPath(repository);
  const owner = repository.split('/')[0] ?? '';
  return {
    async branchSha(branch) {
      const ref = await orUndefined(
        rest.request<{ object?: { sha?: string } }>('GET', `${repo}/git/ref/heads/${encodePath(branch)}`),
      );
      return ref?.object?.sha;
    },
    async createBranch(branch, sha) {
      await rest.request('POST', `${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha });
    },
    async fileSha(path, branch) {
      const file = await orUndefined(
        rest.request<{ sha?: string; type?: string }>(
          'GET',
          `${repo}/contents/${encodePath(path)}?ref=${encodeURIComponent(branch)}`,
        ),
      );
      return file?.type === 'file' ? file.sha : undefined;
    },
    async deleteFile(path, branch, sha, message) {
      await rest.request('DELETE', `${repo}/contents/${encodePath(path)}`, { message, sha, branch });
    },
    async pulls(branch) {
      const head = encodeURIComponent(`${owner}:${branch}`);
      const pulls: PullSummary[] = [];
      for await (const pull of rest.paginate<RestPull>(`${repo}/pulls?head=${head}&state=all&per_page=100`)) {
        pulls.push(toPull(pull));
      }
      return pulls;
    },
    async createPull(pull) {
      return toPull(await rest.request<RestPull>('POST', `${repo}/pulls`, { ...pull }));
    },
    async updatePullBody(pullNumber, body) {
      return toPull(await rest.request<RestPull>('PATCH', `${repo}/pulls/${pullNumber}`, { body }));
    },
  };
}
