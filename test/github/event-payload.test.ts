import { describe, expect, it } from 'vitest';
import { errorMessage, isForbidden, isForkPullRequest, issueNumberOf } from '../../src/github/event-payload.ts';
import { pullRequestOpened } from '../actions/pull-request-event.ts';

const opened = pullRequestOpened();

describe('issueNumberOf', () => {
  it("takes the event's pull request, or the input when given", () => {
    expect(issueNumberOf('', opened)).toBe(opened.number);
    expect(issueNumberOf(' 42 ', opened)).toBe(42);
  });

  it.each([
    ['a non-number input', '4x', opened, /issue-number must be a pull request number/],
    ['an event without a pull request', '', { ref: 'refs/heads/main' }, /set the issue-number input/],
  ])('refuses %s', (_name, input, payload, message) => {
    expect(() => issueNumberOf(input, payload)).toThrow(message);
  });
});

describe('isForkPullRequest', () => {
  it('is false for a branch of the same repository', () => {
    expect(isForkPullRequest(opened)).toBe(false);
  });

  it('is true for a fork, another repository or a deleted fork', () => {
    const fork = structuredClone(opened);
    fork.pull_request.head.repo.fork = true;
    const other = structuredClone(opened);
    other.pull_request.head.repo.full_name = 'someone/fork';
    const deleted = structuredClone(opened) as unknown as { pull_request: { head: { repo: null } } };
    deleted.pull_request.head.repo = null;
    expect([fork, other, deleted].map(isForkPullRequest)).toEqual([true, true, true]);
  });

  it('is false for an event without a pull request', () => {
    expect(isForkPullRequest({ ref: 'refs/heads/main' })).toBe(false);
  });
});

describe('isForbidden', () => {
  it('recognises a 403 from Octokit', () => {
    expect(isForbidden(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }))).toBe(true);
    expect(isForbidden(Object.assign(new Error('Not Found'), { status: 404 }))).toBe(false);
  });
});

describe('errorMessage', () => {
  const httpError = (status: number, message: string) =>
    Object.assign(new Error(message), {
      name: 'HttpError',
      status,
      request: { method: 'GET', url: 'https://api.github.com/repos/acme/x/pulls?state=open', headers: {} },
    });

  it('says which GitHub request failed, how, and what to check', () => {
    expect(
      errorMessage(httpError(404, 'Not Found - https://docs.github.com/rest/pulls/pulls#list-pull-requests')),
    ).toBe(
      'GitHub API GET /repos/acme/x/pulls answered 404 (Not Found): no such repository, pull request or issue, or the token cannot see it',
    );
    expect(errorMessage(httpError(422, 'Validation Failed'))).toBe(
      'GitHub API GET /repos/acme/x/pulls answered 422 (Validation Failed)',
    );
  });

  it('tells an unanswered request (Octokit calls it a 500) from a server error', () => {
    expect(errorMessage(httpError(500, 'getaddrinfo ENOTFOUND api.github.com'))).toBe(
      'cannot reach the GitHub API for GET /repos/acme/x/pulls (getaddrinfo ENOTFOUND api.github.com): check the network and GITHUB_API_URL',
    );
    expect(errorMessage(httpError(500, 'Internal Server Error'))).toMatch(
      /^GitHub API GET \/repos\/acme\/x\/pulls answered 500/,
    );
  });

  it('keeps other errors as their message', () => {
    expect(errorMessage(new Error('plain'))).toBe('plain');
    expect(errorMessage('text')).toBe('text');
  });
});
