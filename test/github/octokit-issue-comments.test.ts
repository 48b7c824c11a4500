import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { commentUrl, octokitIssueComments, octokitOptions } from '../../src/github/octokit-issue-comments.ts';
import { stickyMarker, upsertStickyComments } from '../../src/github/sticky-comments.ts';
import { FakeGitHub } from './fake-github-api.ts';

const REPO = { owner: 'acme', repo: 'workshop-gitops' };

function setup(github: FakeGitHub, author?: string) {
  const octokit = getOctokit('test-token', octokitOptions(github.fetch));
  return octokitIssueComments(octokit, { ...REPO, author });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('octokitIssueComments', () => {
  it('pages through every comment, following the Link header', async () => {
    const comments = Array.from({ length: 7 }, (_, i) => ({
      id: i + 1,
      issue: 5,
      body: `comment ${i + 1}`,
      user: { login: 'someone' },
    }));
    const github = new FakeGitHub({ comments, pageSize: 3 });
    const listed = await collect(setup(github).list(5));
    expect(listed.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(github.state.requests.map((r) => r.path)).toEqual([
      '/repos/acme/workshop-gitops/issues/5/comments?per_page=100',
      '/repos/acme/workshop-gitops/issues/5/comments?per_page=100&page=2',
      '/repos/acme/workshop-gitops/issues/5/comments?per_page=100&page=3',
    ]);
    expect(github.state.requests.every((r) => r.authorization === 'token test-token')).toBe(true);
  });

  it('creates, updates and deletes through the REST endpoints', async () => {
    const github = new FakeGitHub();
    const api = setup(github);
    const created = await api.create(5, 'hello');
    await api.update(created.id, 'hello again');
    await api.remove(created.id);
    expect(github.writes()).toEqual([
      'POST /repos/acme/workshop-gitops/issues/5/comments',
      `PATCH /repos/acme/workshop-gitops/issues/comments/${created.id}`,
      `DELETE /repos/acme/workshop-gitops/issues/comments/${created.id}`,
    ]);
    expect(github.state.requests[1]?.body).toEqual({ body: 'hello again' });
  });

  it("sees only the author's comments, so a look-alike posted by someone else is neither taken nor touched", async () => {
    const forged = { id: 1, issue: 5, body: `${stickyMarker('plan', 1)}\nforged`, user: { login: 'mallory' } };
    const github = new FakeGitHub({ comments: [forged], pageSize: 1 });
    await upsertStickyComments(setup(github, 'github-actions[bot]'), 5, 'plan', ['real']);
    expect(github.commentsOn(5).map((c) => [c.user.login, c.body])).toEqual([
      ['mallory', `${stickyMarker('plan', 1)}\nforged`],
      ['github-actions[bot]', `${stickyMarker('plan', 1)}\nreal`],
    ]);
  });

  it('builds the address GitHub gives a comment', () => {
    expect(commentUrl('https://github.com/', REPO, 5, 42)).toBe(
      'https://github.com/acme/workshop-gitops/pull/5#issuecomment-42',
    );
  });
});

describe('octokitOptions', () => {
  /** A fetch that answers only when its request is aborted, as an API that never answers would. */
  const silent: typeof globalThis.fetch = (_input, init) =>
    new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

  it('gives every request a time limit, so a silent API cannot hang the job', async () => {
    const octokit = getOctokit('test-token', octokitOptions(silent, 50));
    const started = Date.now();
    await expect(octokit.rest.repos.get(REPO)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps a caller's own signal", async () => {
    const seen: (AbortSignal | null | undefined)[] = [];
    const record: typeof globalThis.fetch = async (_input, init) => {
      seen.push(init?.signal);
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const own = new AbortController().signal;
    await octokitOptions(record).request.fetch('https://api.github.com/x', { signal: own });
    await octokitOptions(record).request.fetch('https://api.github.com/x');
    expect(seen[0]).toBe(own);
    expect(seen[1]).toBeInstanceOf(AbortSignal);
    expect(seen[1]).not.toBe(own);
  });
});
