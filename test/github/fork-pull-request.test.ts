import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { findForkPullRequest, forkPullRequest, forkRunOf } from '../../src/github/fork-pull-request.ts';
import { octokitOptions } from '../../src/github/octokit-issue-comments.ts';
import { FakeGitHub, type FakeOpenPull } from './fake-github-api.ts';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const FORK = 'someone/workshop-gitops';
const run = { headSha: HEAD, headRepository: FORK };
const pull = (number: number, sha = HEAD, repo: string | null = FORK): FakeOpenPull => ({
  number,
  head: { sha, repo: repo === null ? null : { full_name: repo } },
  base: { sha: BASE },
});

describe('forkRunOf', () => {
  const payload = (run: unknown) => ({ workflow_run: run });

  it("reads the run's head commit and repository", () => {
    expect(forkRunOf(payload({ head_sha: HEAD, head_repository: { full_name: FORK } }))).toEqual(run);
  });

  it.each([
    ['no workflow_run', {}, /no workflow_run/],
    ['a short SHA', payload({ head_sha: 'abc', head_repository: { full_name: FORK } }), /full commit SHA/],
    ['an option for git', payload({ head_sha: '--upload-pack=x', head_repository: { full_name: FORK } }), /SHA/],
    ['a path in the name', payload({ head_sha: HEAD, head_repository: { full_name: 'a/../b' } }), /OWNER\/REPO/],
    ['no head repository', payload({ head_sha: HEAD, head_repository: null }), /OWNER\/REPO/],
  ])('refuses %s', (_name, event, message) => {
    expect(() => forkRunOf(event)).toThrow(message);
  });
});

describe('forkPullRequest', () => {
  it('takes the one open pull request whose head is the commit of the run, from the fork', () => {
    expect(forkPullRequest([pull(3, 'c'.repeat(40)), pull(7), pull(9, HEAD, 'other/x')], run)).toEqual({
      found: true,
      number: 7,
      baseSha: BASE,
    });
  });

  it('compares repository names without case, as GitHub does', () => {
    expect(forkPullRequest([pull(7, HEAD, 'Someone/Workshop-GitOps')], run)).toMatchObject({ number: 7 });
  });

  it('ignores the same commit pushed elsewhere and a deleted fork', () => {
    const result = forkPullRequest([pull(5, HEAD, 'acme/workshop-gitops'), pull(6, HEAD, null)], run);
    expect(result).toEqual({ found: false, why: expect.stringMatching(/^no open pull request has someone/) });
  });

  it('guesses nothing when several pull requests share the commit', () => {
    const result = forkPullRequest([pull(7), pull(8)], run);
    expect(result).toEqual({ found: false, why: expect.stringMatching(/#7, #8 .*not guessing/) });
  });

  it('refuses a base that is not a full SHA', () => {
    expect(() => forkPullRequest([{ ...pull(7), base: { sha: 'main' } }], run)).toThrow(/base of pull request #7/);
  });
});

describe('findForkPullRequest', () => {
  it('lists the open pull requests of this repository, every page', async () => {
    const openPulls = [...Array.from({ length: 4 }, (_, i) => pull(i + 1, 'c'.repeat(40))), pull(42)];
    const github = new FakeGitHub({ openPulls, pageSize: 2 });
    const octokit = getOctokit('t', octokitOptions(github.fetch));
    const result = await findForkPullRequest(octokit, { owner: 'acme', repo: 'workshop-gitops' }, run);
    expect(result).toEqual({ found: true, number: 42, baseSha: BASE });
    expect(github.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/workshop-gitops/pulls?state=open&per_page=100',
      'GET /repos/acme/workshop-gitops/pulls?state=open&per_page=100&page=2',
      'GET /repos/acme/workshop-gitops/pulls?state=open&per_page=100&page=3',
    ]);
  });
});
