/** What the actions read from the event that started the workflow, and how they recognise GitHub's refusals. */
import { isJsonObject } from '../plan/json-value.ts';

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

/** Octokit's error messages, without the stack; anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
