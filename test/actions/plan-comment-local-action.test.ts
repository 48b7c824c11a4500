/**
 * The proof that actions/plan-comment runs as GitHub runs it, under @github/local-action (which replaces the
 * @actions/* packages and reads inputs and the event from a .env file), against a recording fake of the REST API
 * given to Octokit as its `fetch`. Each run is a separate process; the fake's state goes from run to run in a file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { stickyMarker } from '../../src/github/sticky-comments.ts';
import { FakeGitHub } from '../github/fake-github-api.ts';
import { forkPullRequestOpened, type PullRequestEvent, pullRequestOpened } from './pull-request-event.ts';
import { longParts, reviewDir } from './review-dir.ts';

const ROOT = process.cwd();
const ACTION = path.join(ROOT, 'actions/plan-comment');
const LOCAL_ACTION = path.join(ROOT, 'node_modules/.bin/local-action');
/** local-action calls `run()` without arguments: this entry wraps main.ts's run() with the fake's fetch. */
const ENTRY = path.relative(ACTION, path.join(ROOT, 'test/actions/local-action/plan-comment-entry.ts'));
const RUN_TIMEOUT = 60_000;

const work = mkdtempSync(path.join(tmpdir(), 'local-action-'));
const stateFile = path.join(work, 'github-state.json');
const summaryFile = path.join(work, 'summary.md');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function github(): FakeGitHub {
  return FakeGitHub.fromJSON(readFileSync(stateFile, 'utf8'));
}

/** `::set-output name=x::value` lines, as local-action's @actions/core prints them. */
function outputsOf(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of stdout.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)) outputs[match[1] ?? ''] = match[2] ?? '';
  return outputs;
}

async function localAction(parts: readonly string[], event: PullRequestEvent): Promise<Record<string, string>> {
  const eventFile = path.join(work, 'event.json');
  writeFileSync(eventFile, JSON.stringify(event));
  writeFileSync(summaryFile, '');
  const envFile = path.join(work, '.env');
  writeFileSync(
    envFile,
    [
      `INPUT_REVIEW-DIR=${reviewDir(work, parts)}`,
      'INPUT_GITHUB-TOKEN=test-token',
      'GITHUB_EVENT_NAME=pull_request',
      `GITHUB_EVENT_PATH=${eventFile}`,
      `GITHUB_REPOSITORY=${event.repository.full_name}`,
      `GITHUB_STEP_SUMMARY=${summaryFile}`,
      `FAKE_GITHUB_STATE=${stateFile}`,
      '',
    ].join('\n'),
  );
  const { stdout } = await promisify(execFile)(LOCAL_ACTION, ['run', '.', ENTRY, envFile], {
    cwd: ACTION,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return outputsOf(stdout);
}

describe('actions/plan-comment under @github/local-action', () => {
  const event = pullRequestOpened();
  writeFileSync(stateFile, JSON.stringify(new FakeGitHub({ pageSize: 2 }).toJSON()));

  it(
    'creates the comment on the first run',
    async () => {
      const outputs = await localAction(['## Workshop plan\nfirst'], event);
      const comments = github().commentsOn(event.number);
      expect(comments.map((c) => c.body)).toEqual([`${stickyMarker('plan', 1)}\n## Workshop plan\nfirst`]);
      expect(outputs).toMatchObject({ posted: 'true', 'comment-id': String(comments[0]?.id) });
      expect(readFileSync(summaryFile, 'utf8')).toContain('# Full review');
    },
    RUN_TIMEOUT,
  );

  it(
    'updates the same comment on the second run',
    async () => {
      const before = github()
        .commentsOn(event.number)
        .map((c) => c.id);
      await localAction(['## Workshop plan\nsecond'], event);
      const after = github().commentsOn(event.number);
      expect(after.map((c) => c.id)).toEqual(before);
      expect(after[0]?.body).toBe(`${stickyMarker('plan', 1)}\n## Workshop plan\nsecond`);
      expect(
        github()
          .writes()
          .filter((w) => w.startsWith('POST')),
      ).toHaveLength(1);
    },
    RUN_TIMEOUT,
  );

  it(
    'adds continuation comments for a long review',
    async () => {
      const first = github().commentsOn(event.number)[0]?.id;
      const outputs = await localAction(longParts(4), event);
      const comments = github().commentsOn(event.number);
      expect(comments.map((c) => c.body.split('\n')[0])).toEqual(
        [1, 2, 3, 4].map((part) => stickyMarker('plan', part)),
      );
      expect(comments[0]?.id).toBe(first);
      expect(JSON.parse(outputs['comment-ids'] ?? '[]')).toEqual(comments.map((c) => c.id));
    },
    RUN_TIMEOUT,
  );

  it(
    'removes the parts a shorter review no longer needs, paging through the comments to find them',
    async () => {
      await localAction(['## Workshop plan\nshort again'], event);
      expect(
        github()
          .commentsOn(event.number)
          .map((c) => c.body),
      ).toEqual([`${stickyMarker('plan', 1)}\n## Workshop plan\nshort again`]);
      expect(
        github()
          .writes()
          .filter((w) => w.startsWith('DELETE')),
      ).toHaveLength(3);
      expect(github().state.requests.some((r) => r.path.includes('page=2'))).toBe(true);
    },
    RUN_TIMEOUT,
  );

  it(
    'comments on a pull request from a fork',
    async () => {
      const fork = forkPullRequestOpened();
      const other = {
        ...fork,
        number: fork.number + 100,
        pull_request: { ...fork.pull_request, number: fork.number + 100 },
      };
      const outputs = await localAction(['## Workshop plan\nTerraform plan skipped: fork'], other);
      expect(outputs.posted).toBe('true');
      expect(github().commentsOn(other.number)).toHaveLength(1);
    },
    RUN_TIMEOUT,
  );
});
