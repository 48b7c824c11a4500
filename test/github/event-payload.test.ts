import { describe, expect, it } from 'vitest';
import { isForbidden, isForkPullRequest, issueNumberOf } from '../../src/github/event-payload.ts';
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
