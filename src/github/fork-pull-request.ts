/**
 * The pull request a fork's `cohort-pr` run was for, found from trusted code in a `workflow_run` workflow: GitHub
 * leaves `workflow_run.pull_requests` empty for forks, so the open pull requests of this repository are listed and
 * the one whose head is the run's commit, pushed from the run's repository, is taken. None or several is no
 * answer: a comment on the wrong pull request is worse than none.
 */
import { isJsonObject } from '../plan/json-value.ts';
import { assertCommitSha } from './git.ts';
import type { RepoRef } from './octokit-issue-comments.ts';

/** The fields of `GET /repos/{owner}/{repo}/pulls` items this module reads. */
export interface RestOpenPull {
  readonly number: number;
  readonly head: { readonly sha: string; readonly repo: { readonly full_name: string } | null };
  readonly base: { readonly sha: string };
}

/** `L` is the client's own `pulls.list` method, handed back to `paginate.iterator`. */
export interface OpenPullsOctokit<L> {
  readonly paginate: {
    iterator(
      method: L,
      params: RepoRef & { state: 'open'; per_page: number },
    ): AsyncIterable<{ readonly data: readonly RestOpenPull[] }>;
  };
  readonly rest: { readonly pulls: { readonly list: L } };
}

/** What a `workflow_run` event says about the run that triggered it. */
export interface ForkRun {
  readonly headSha: string;
  /** `owner/repo` of the fork the commit was pushed to. */
  readonly headRepository: string;
}

export type ForkPullLookup =
  | { readonly found: true; readonly number: number; readonly baseSha: string }
  | { readonly found: false; readonly why: string };

const FULL_NAME = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/**
 * The run's head commit and repository from a `workflow_run` payload, checked: they end up in a git command line
 * (through env, as arguments) and a URL, so anything but a full SHA and a plain `owner/repo` is refused.
 */
export function forkRunOf(payload: unknown): ForkRun {
  const run = isJsonObject(payload) ? payload.workflow_run : undefined;
  if (!isJsonObject(run)) throw new Error('the event has no workflow_run: run this on `workflow_run` only');
  const repo = run.head_repository;
  const headRepository = isJsonObject(repo) && typeof repo.full_name === 'string' ? repo.full_name : '';
  const headSha = typeof run.head_sha === 'string' ? run.head_sha : '';
  assertCommitSha(headSha, 'workflow_run.head_sha');
  if (!FULL_NAME.test(headRepository)) {
    throw new Error(`workflow_run.head_repository.full_name "${headRepository.slice(0, 100)}" is not OWNER/REPO`);
  }
  return { headSha, headRepository };
}

/** The one open pull request whose head is `run.headSha` in `run.headRepository` (names compare as GitHub does). */
export function forkPullRequest(pulls: readonly RestOpenPull[], run: ForkRun): ForkPullLookup {
  const repository = run.headRepository.toLowerCase();
  const matches = pulls.filter(
    (pull) => pull.head.sha === run.headSha && pull.head.repo?.full_name.toLowerCase() === repository,
  );
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) {
    assertCommitSha(only.base.sha, `base of pull request #${only.number}`);
    return { found: true, number: only.number, baseSha: only.base.sha };
  }
  const at = `${run.headRepository}@${run.headSha.slice(0, 12)}`;
  return {
    found: false,
    why:
      matches.length === 0
        ? `no open pull request has ${at} as its head (closed, or pushed again since): nothing to comment on`
        : `pull requests ${matches.map((p) => `#${p.number}`).join(', ')} all have ${at} as their head: not guessing`,
  };
}

export async function findForkPullRequest<L>(
  octokit: OpenPullsOctokit<L>,
  repo: RepoRef,
  run: ForkRun,
): Promise<ForkPullLookup> {
  const pulls: RestOpenPull[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner: repo.owner,
    repo: repo.repo,
    state: 'open',
    per_page: 100,
  });
  for await (const page of pages) pulls.push(...page.data);
  return forkPullRequest(pulls, run);
}
