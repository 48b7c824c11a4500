import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../actions/plan-comment/main.ts';
import { stickyMarker } from '../../src/github/sticky-comments.ts';
import { FakeGitHub } from '../github/fake-github-api.ts';
import { forkPullRequestOpened, type PullRequestEvent, pullRequestOpened } from './pull-request-event.ts';
import { longParts, reviewDir } from './review-dir.ts';
import { runAction } from './run-action.ts';

const load = () => import('../../actions/plan-comment/main.ts');

const work = mkdtempSync(path.join(tmpdir(), 'plan-comment-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let github = new FakeGitHub();
beforeEach(() => {
  github = new FakeGitHub();
});

function post(parts: readonly string[], event: PullRequestEvent = pullRequestOpened(), inputs = {}) {
  return runAction<Deps>(load, {
    action: 'plan-comment',
    inputs: { 'review-dir': reviewDir(work, parts), 'github-token': 'test-token', ...inputs },
    event,
    env: { GITHUB_REPOSITORY: event.repository.full_name },
    deps: { fetch: github.fetch },
  });
}

describe('actions/plan-comment (in process, real pull_request payload)', () => {
  it('creates the comment, then updates the same one', async () => {
    const event = pullRequestOpened();
    const first = await post(['## Workshop plan\nfirst'], event);
    expect(first.failed).toBe(false);
    const [comment] = github.commentsOn(event.number);
    expect(comment?.body).toBe(`${stickyMarker('plan', 1)}\n## Workshop plan\nfirst`);
    expect(first.outputs).toMatchObject({ posted: 'true', 'comment-id': String(comment?.id) });
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/${event.repository.full_name}/pull/${event.number}#issuecomment-${comment?.id}`,
    );

    const second = await post(['## Workshop plan\nsecond'], event);
    expect(second.outputs['comment-id']).toBe(String(comment?.id));
    expect(github.commentsOn(event.number).map((c) => c.body)).toEqual([
      `${stickyMarker('plan', 1)}\n## Workshop plan\nsecond`,
    ]);
    expect(github.writes().filter((w) => w.startsWith('POST'))).toHaveLength(1);
  });

  it('posts continuation comments for a long review, and removes them when it gets shorter', async () => {
    const event = pullRequestOpened();
    const long = await post(longParts(3), event);
    expect(JSON.parse(long.outputs['comment-ids'] ?? '[]')).toHaveLength(3);
    expect(github.commentsOn(event.number).map((c) => c.body.slice(0, 45))).toEqual(
      [1, 2, 3].map((part) => `${stickyMarker('plan', part)}\n## Part ${part}`.slice(0, 45)),
    );
    const short = await post(['## Workshop plan\nshort'], event);
    expect(short.failed).toBe(false);
    expect(github.commentsOn(event.number)).toHaveLength(1);
    expect(github.writes().filter((w) => w.startsWith('DELETE'))).toHaveLength(2);
  });

  it('writes the full review to the job summary', async () => {
    const result = await post(['summary only']);
    expect(result.summary).toContain('# Full review');
  });

  it('comments on a pull request from a fork', async () => {
    const event = forkPullRequestOpened();
    const result = await post(['## Workshop plan\nplan skipped: fork'], event);
    expect(result.failed).toBe(false);
    expect(github.commentsOn(event.number)).toHaveLength(1);
  });

  it("warns instead of failing when a fork's read-only token may not comment", async () => {
    github = new FakeGitHub({ readOnly: true });
    const result = await post(['## Workshop plan'], forkPullRequestOpened());
    expect(result.failed).toBe(false);
    expect(result.outputs.posted).toBe('false');
    expect(result.commands.join('\n')).toMatch(/::warning::.*read-only token/);
    expect(result.summary).toContain('# Full review');
  });

  it('fails when a pull request of the repository itself may not be commented on', async () => {
    github = new FakeGitHub({ readOnly: true });
    const result = await post(['## Workshop plan']);
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(
      /::error::GitHub API POST \/repos\/Codertocat\/Hello-World\/issues\/2\/comments answered 403 \(Resource not accessible by integration\): the token lacks a permission/,
    );
  });

  it('fails clearly when workshop plan wrote nothing', async () => {
    const result = await runAction<Deps>(load, {
      action: 'plan-comment',
      inputs: { 'review-dir': '/nonexistent/out', 'github-token': 'test-token' },
      event: pullRequestOpened(),
      deps: { fetch: github.fetch },
    });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toContain('comment-parts.json is missing: run `npx workshop plan --out');
    expect(github.state.requests).toEqual([]);
  });

  it('comments on the issue-number input when the event has no pull request', async () => {
    const result = await runAction<Deps>(load, {
      action: 'plan-comment',
      inputs: { 'review-dir': reviewDir(work, ['x']), 'github-token': 'test-token', 'issue-number': '77' },
      event: { workflow_run: {} },
      eventName: 'workflow_run',
      deps: { fetch: github.fetch },
    });
    expect(result.failed).toBe(false);
    expect(github.commentsOn(77)).toHaveLength(1);
  });
});
