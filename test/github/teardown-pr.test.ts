import { describe, expect, it } from 'vitest';
import { githubRest } from '../../src/github/github-rest.ts';
import { ensureTeardownPull, restTeardownRepo } from '../../src/github/teardown-pr.ts';
import { FakeRepoGitHub, REPOSITORY } from './fake-repo-github.ts';

const FILES = ['workshops/_settings.yaml', 'workshops/seoul.yaml', 'workshops/busan.yaml'];

function setup() {
  const github = new FakeRepoGitHub(FILES);
  const repo = restTeardownRepo(githubRest({ token: 't', fetch: github.fetch }), REPOSITORY);
  return { github, repo };
}

describe('ensureTeardownPull', () => {
  it('opens a pull request from teardown/<id> whose only change removes the cohort file', async () => {
    const { github, repo } = setup();
    const result = await ensureTeardownPull(repo, { cohortId: 'seoul', body: 'final report' });
    expect(result).toMatchObject({ action: 'opened', state: 'open', deletedFile: true });
    const branch = github.branches.get('teardown/seoul');
    expect(Object.keys(branch?.files ?? {}).sort()).toEqual(['workshops/_settings.yaml', 'workshops/busan.yaml']);
    expect(Object.keys(github.branches.get('main')?.files ?? {})).toContain('workshops/seoul.yaml');
    expect(github.pulls).toEqual([
      expect.objectContaining({
        number: result.number,
        title: 'Teardown: seoul',
        head: 'teardown/seoul',
        base: 'main',
        body: 'final report',
      }),
    ]);
    const deletion = github.requests.find((r) => r.method === 'DELETE');
    expect(deletion).toMatchObject({
      path: `/repos/${REPOSITORY}/contents/workshops/seoul.yaml`,
      body: {
        branch: 'teardown/seoul',
        sha: 'blob-workshops/seoul.yaml',
        message: 'Teardown: remove workshops/seoul.yaml',
      },
    });
  });

  it('updates the open pull request in place, and touches nothing when its body is current', async () => {
    const { github, repo } = setup();
    const first = await ensureTeardownPull(repo, { cohortId: 'seoul', body: 'day 1' });
    const writes = github.writes().length;
    const second = await ensureTeardownPull(repo, { cohortId: 'seoul', body: 'day 2' });
    const third = await ensureTeardownPull(repo, { cohortId: 'seoul', body: 'day 2' });
    expect([second.action, third.action]).toEqual(['updated', 'unchanged']);
    expect(second.number).toBe(first.number);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]?.body).toBe('day 2');
    expect(github.writes().slice(writes)).toEqual([`PATCH /repos/${REPOSITORY}/pulls/${first.number}`]);
  });

  it('finishes a branch left by an interrupted run: deletes the file there and opens the pull request', async () => {
    const { github, repo } = setup();
    const main = github.branches.get('main');
    github.branches.set('teardown/seoul', { sha: main?.sha ?? '', files: { ...main?.files } });
    const result = await ensureTeardownPull(repo, { cohortId: 'seoul', body: 'b' });
    expect(result).toMatchObject({ action: 'opened', deletedFile: true });
    expect(github.writes().some((w) => w.endsWith('/git/refs'))).toBe(false);
  });

  it('leaves a merged pull request alone, and never reopens one closed without merging', async () => {
    for (const merged of [true, false]) {
      const { github, repo } = setup();
      github.addPull({
        title: 'Teardown: seoul',
        head: 'teardown/seoul',
        base: 'main',
        body: 'old',
        state: 'closed',
        merged_at: merged ? '2026-12-13T00:00:00Z' : null,
      });
      const result = await ensureTeardownPull(repo, { cohortId: 'seoul', body: 'new' });
      expect(result).toMatchObject({ action: 'unchanged', state: merged ? 'merged' : 'closed', deletedFile: false });
      expect(github.writes()).toEqual([]);
    }
  });

  it('refuses a body longer than GitHub accepts before any request', async () => {
    const { github, repo } = setup();
    await expect(ensureTeardownPull(repo, { cohortId: 'seoul', body: 'x'.repeat(65_537) })).rejects.toThrow(
      'GitHub accepts at most 65536',
    );
    expect(github.requests).toEqual([]);
  });
});
