import { describe, expect, it } from 'vitest';
import type { Deps } from '../../actions/fork-review/main.ts';
import { FakeGitHub, type FakeOpenPull } from '../github/fake-github-api.ts';
import { runAction } from './run-action.ts';

const load = () => import('../../actions/fork-review/main.ts');

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const FORK = 'someone/workshop-gitops';
const pull = (number: number, sha = HEAD): FakeOpenPull => ({
  number,
  head: { sha, repo: { full_name: FORK } },
  base: { sha: BASE },
});
// The shape of a workflow_run event for a fork: GitHub leaves pull_requests empty.
const event = (headSha = HEAD) => ({
  action: 'completed',
  workflow_run: { event: 'pull_request', head_sha: headSha, head_repository: { full_name: FORK }, pull_requests: [] },
});

function lookup(github: FakeGitHub, payload: unknown = event()) {
  return runAction<Deps>(load, {
    action: 'fork-review',
    inputs: { 'github-token': 'test-token' },
    event: payload,
    eventName: 'workflow_run',
    deps: { fetch: github.fetch },
  });
}

describe('actions/fork-review', () => {
  it('outputs the pull request whose head is the run commit, with its base', async () => {
    const github = new FakeGitHub({ openPulls: [pull(3, 'c'.repeat(40)), pull(12)] });
    const result = await lookup(github);
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      found: 'true',
      'pull-number': '12',
      'base-sha': BASE,
      'head-sha': HEAD,
      'head-repository': FORK,
    });
    expect(github.state.requests.map((r) => r.path)).toEqual([
      '/repos/acme/workshop-gitops/pulls?state=open&per_page=100',
    ]);
    expect(github.writes()).toEqual([]);
  });

  it('does nothing, with a notice, when no open pull request matches or several do', async () => {
    for (const openPulls of [[pull(3, 'c'.repeat(40))], [pull(12), pull(13)]]) {
      const result = await lookup(new FakeGitHub({ openPulls }));
      expect(result.failed).toBe(false);
      expect(result.outputs).toEqual({ found: 'false' });
      expect(result.commands.join('\n')).toMatch(/::notice::No review comment: /);
    }
  });

  it('fails before any request when the run head is not a commit SHA', async () => {
    const github = new FakeGitHub({ openPulls: [pull(12)] });
    const result = await lookup(github, event('main'));
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(/::error::workflow_run\.head_sha must be a full commit SHA/);
    expect(github.state.requests).toEqual([]);
  });
});
