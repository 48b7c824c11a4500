import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { octokitOptions } from '../../src/github/octokit-issue-comments.ts';
import { findMergedPullRequest, mergedPullRequest } from '../../src/github/pull-requests.ts';
import { FakeGitHub } from './fake-github-api.ts';

const SHA = 'c'.repeat(40);
const merged = (number: number, sha: string | null) => ({
  number,
  merged_at: '2026-01-01T00:00:00Z',
  merge_commit_sha: sha,
});
const open = (number: number) => ({ number, merged_at: null, merge_commit_sha: 'd'.repeat(40) });

describe('mergedPullRequest', () => {
  it('prefers the pull request merged as this very commit', () => {
    expect(mergedPullRequest([merged(3, 'e'.repeat(40)), merged(4, SHA), open(5)], SHA)).toBe(4);
  });

  it('takes the only merged one, and guesses nothing when there are several or none', () => {
    expect(mergedPullRequest([merged(3, 'e'.repeat(40)), open(5)], SHA)).toBe(3);
    expect(mergedPullRequest([merged(3, 'e'.repeat(40)), merged(4, 'f'.repeat(40))], SHA)).toBeUndefined();
    expect(mergedPullRequest([open(5)], SHA)).toBeUndefined();
  });
});

describe('findMergedPullRequest', () => {
  it('asks GitHub for the pull requests of the commit', async () => {
    const github = new FakeGitHub({ pulls: { [SHA]: [open(2), merged(9, SHA)] } });
    const octokit = getOctokit('t', octokitOptions(github.fetch));
    expect(await findMergedPullRequest(octokit, { owner: 'acme', repo: 'gitops' }, SHA)).toBe(9);
    expect(github.state.requests.map((r) => r.path)).toEqual([`/repos/acme/gitops/commits/${SHA}/pulls?per_page=100`]);
  });
});
