/** What the actions read from the event that started the workflow, and how they recognise GitHub's refusals. */
import { isJsonObject } from '../plan/json-value.ts';
import { unreachableGitHub } from './github-rest.ts';

function pullRequestOf(payload: unknown): Record<string, unknown> | undefined {
  const pull = isJsonObject(payload) ? payload.pull_request : undefined;
  return isJsonObject(pull) ? pull : undefined;
}

function repoOf(pull: Record<string, unknown>, side: 'head' | 'base'): Record<string, unknown> | undefined {
  const branch = pull[side];
  const repo = isJsonObject(branch) ? branch.repo : undefined;
  return isJsonObject(repo) ? repo : undefined;
}

/**
 * The issue or pull request to comment on: the `issue-number` input when given, else the event's pull request (or
 * issue). A workflow_run or push event has neither, so the input is then required.
 */
export function issueNumberOf(input: string, payload: unknown): number {
  if (input.trim() !== '') {
    const value = input.trim();
    if (!/^[1-9]\d{0,9}$/.test(value)) throw new Error(`issue-number must be a pull request number; got "${value}"`);
    return Number(value);
  }
  const issue = isJsonObject(payload) ? payload.issue : undefined;
  const number = pullRequestOf(payload)?.number ?? (isJsonObject(issue) ? issue.number : undefined);
  if (typeof number !== 'number') {
    throw new Error('the event has no pull request: set the issue-number input (e.g. in a workflow_run workflow)');
  }
  return number;
}

/**
 * Whether the pull request comes from another repository. On `pull_request` events GitHub then gives the workflow
 * a read-only token and no OIDC token, whatever `permissions:` say; a deleted fork has no head repository.
 */
export function isForkPullRequest(payload: unknown): boolean {
  const pull = pullRequestOf(payload);
  if (pull === undefined) return false;
  const head = repoOf(pull, 'head');
  return head === undefined || head.fork === true || head.full_name !== repoOf(pull, 'base')?.full_name;
}

/** GitHub's "Resource not accessible by integration": the token lacks the permission. */
export function isForbidden(error: unknown): boolean {
  return isJsonObject(error) && error.status === 403;
}

/** What an Octokit request error carries: the status, and the request it answered (no token in either). */
interface OctokitRequestError {
  readonly status: number;
  readonly message: string;
  readonly request: { readonly method: string; readonly url: string };
}

function isOctokitRequestError(error: unknown): error is OctokitRequestError {
  if (!(error instanceof Error) || error.name !== 'HttpError') return false;
  const { status, request } = error as Partial<OctokitRequestError>;
  return typeof status === 'number' && isJsonObject(request) && typeof request.url === 'string';
}

const STATUS_HINTS: Readonly<Record<number, string>> = {
  401: 'the token is missing, expired or revoked',
  403: "the token lacks a permission the workflow's `permissions:` must grant (or it is a fork's read-only token)",
  404: 'no such repository, pull request or issue, or the token cannot see it',
};

/** One sentence that says which GitHub request failed and what to check. */
function octokitMessage(error: OctokitRequestError): string {
  let path = error.request.url;
  try {
    path = new URL(error.request.url).pathname;
  } catch {
    // Not a URL: keep it as it is.
  }
  const where = `${error.request.method} ${path}`;
  // Octokit reports a request that got no answer (no network, a wrong API URL, a timeout) as status 500.
  const unanswered = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|aborted|timeout)\b/i;
  if (error.status === 500 && unanswered.test(error.message)) {
    return unreachableGitHub(`for ${where}`, error.message);
  }
  const detail = error.message.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
  const hint = STATUS_HINTS[error.status];
  return `GitHub API ${where} answered ${error.status} (${detail})${hint === undefined ? '' : `: ${hint}`}`;
}

/** Errors as one line without the stack: Octokit's say which request failed and what to check; anything else as text. */
export function errorMessage(error: unknown): string {
  if (isOctokitRequestError(error)) return octokitMessage(error);
  return error instanceof Error ? error.message : String(error);
}
