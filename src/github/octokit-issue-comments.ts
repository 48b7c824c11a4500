/**
 * The sticky comments' `IssueCommentsApi` over an Octokit client. The client is typed by the few members used, so
 * src/ stays free of the Actions toolkit and tests can hand in an Octokit whose `fetch` is a recording fake.
 */

import { GITHUB_REQUEST_TIMEOUT_MS } from './github-rest.ts';
import type { IssueComment, IssueCommentsApi } from './sticky-comments.ts';

export interface RestComment {
  readonly id: number;
  readonly body?: string | null | undefined;
  readonly html_url?: string | undefined;
  readonly user?: { readonly login: string } | null | undefined;
}

/** A type alias, not an interface: Octokit's parameters want an index signature, which only aliases get implicitly. */
export type RepoRef = {
  readonly owner: string;
  readonly repo: string;
};

type Response<T> = Promise<{ readonly data: T }>;

/** `L` is the client's own `issues.listComments` method, handed back to `paginate.iterator`. */
export interface CommentsOctokit<L> {
  readonly paginate: {
    iterator(
      method: L,
      params: RepoRef & { issue_number: number; per_page: number },
    ): AsyncIterable<{ readonly data: readonly RestComment[] }>;
  };
  readonly rest: {
    readonly issues: {
      readonly listComments: L;
      createComment(params: RepoRef & { issue_number: number; body: string }): Response<RestComment>;
      updateComment(params: RepoRef & { comment_id: number; body: string }): Response<RestComment>;
      deleteComment(params: RepoRef & { comment_id: number }): Promise<unknown>;
    };
  };
}

/** Who comments with a workflow's GITHUB_TOKEN. */
export const DEFAULT_COMMENT_AUTHOR = 'github-actions[bot]';

export interface CommentsOptions extends RepoRef {
  /**
   * Only comments by this login are seen (e.g. `github-actions[bot]`): anyone who may comment could otherwise post a
   * body that starts with the marker and have it taken for (or overwritten as) the workflow's own comment.
   */
  readonly author?: string | undefined;
}

function byAuthor(comment: RestComment, author: string | undefined): boolean {
  return author === undefined || comment.user?.login === author;
}

export function octokitIssueComments<L>(octokit: CommentsOctokit<L>, options: CommentsOptions): IssueCommentsApi {
  const repo: RepoRef = { owner: options.owner, repo: options.repo };
  const issues = octokit.rest.issues;
  return {
    async *list(issueNumber: number): AsyncIterable<IssueComment> {
      const pages = octokit.paginate.iterator(issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
      });
      for await (const page of pages) {
        for (const comment of page.data) if (byAuthor(comment, options.author)) yield comment;
      }
    },
    async create(issueNumber, body) {
      return (await issues.createComment({ ...repo, issue_number: issueNumber, body })).data;
    },
    async update(commentId, body) {
      return (await issues.updateComment({ ...repo, comment_id: commentId, body })).data;
    },
    async remove(commentId) {
      await issues.deleteComment({ ...repo, comment_id: commentId });
    },
  };
}

/** The address GitHub gives a comment (`html_url`), built from the ids so every part of a sticky comment has one. */
export function commentUrl(serverUrl: string, repo: RepoRef, issueNumber: number, commentId: number): string {
  return `${serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}/pull/${issueNumber}#issuecomment-${commentId}`;
}

/** What the actions' run() accepts from tests: the fetch Octokit sends its requests through. */
export interface ApiDeps {
  readonly fetch?: typeof globalThis.fetch;
}

/** The comments of `repo` written by `author` (the comment-author input; empty means the GITHUB_TOKEN's bot). */
export function workflowComments<L>(octokit: CommentsOctokit<L>, repo: RepoRef, author: string): IssueCommentsApi {
  return octokitIssueComments(octokit, { ...repo, author: author || DEFAULT_COMMENT_AUTHOR });
}

/**
 * Octokit options that give every request a time limit and route it through `fetch` when one is given (tests pass
 * a recording fake).
 */
export function octokitOptions(
  fetch: typeof globalThis.fetch | undefined,
  timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
): { request: { fetch: typeof globalThis.fetch } } {
  const send = fetch ?? globalThis.fetch;
  const timed: typeof globalThis.fetch = (input, init) =>
    send(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  return { request: { fetch: timed } };
}
