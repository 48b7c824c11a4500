/** Finds the pull request a pushed commit came from, so the apply workflow can read what was reviewed there. */
import type { RepoRef } from './octokit-issue-comments.ts';

export interface RestPull {
  readonly number: number;
  readonly merged_at?: string | null | undefined;
  readonly merge_commit_sha?: string | null | undefined;
}

/** Typed by the one method used: `GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls`. */
export interface PullsOctokit {
  readonly rest: {
    readonly repos: {
      listPullRequestsAssociatedWithCommit(
        params: RepoRef & { commit_sha: string; per_page: number },
      ): Promise<{ readonly data: readonly RestPull[] }>;
    };
  };
}

/**
 * The merged pull request whose merge (or squash, or last rebased) commit is `sha`; failing that, the only merged
 * one associated with the commit. Undefined when there is none or the choice would be a guess.
 */
export function mergedPullRequest(pulls: readonly RestPull[], sha: string): number | undefined {
  const merged = pulls.filter((pull) => pull.merged_at !== null && pull.merged_at !== undefined);
  const exact = merged.find((pull) => pull.merge_commit_sha === sha);
  if (exact) return exact.number;
  return merged.length === 1 ? merged[0]?.number : undefined;
}

export async function findMergedPullRequest(
  octokit: PullsOctokit,
  repo: RepoRef,
  sha: string,
): Promise<number | undefined> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: repo.owner,
    repo: repo.repo,
    commit_sha: sha,
    per_page: 100,
  });
  return mergedPullRequest(data, sha);
}
