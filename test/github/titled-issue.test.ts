import { describe, expect, it } from 'vitest';
import { githubRest } from '../../src/github/github-rest.ts';
import {
  ISSUE_BODY_LIMIT,
  issueMarker,
  listIssues,
  markedBody,
  pickIssue,
  restTitledIssues,
  type TitledIssue,
} from '../../src/github/titled-issue.ts';
import { BOT, FakeRepoGitHub, REPOSITORY } from './fake-repo-github.ts';

const MARKER = issueMarker('drift', 'seoul');
const issue = (number: number, title: string, body: string, state: 'open' | 'closed' = 'open'): TitledIssue => ({
  number,
  title,
  body,
  state,
});

describe('pickIssue', () => {
  it('takes only the exact title with the marker opening the body', () => {
    const issues = [
      issue(1, 'Drift: seoul', 'no marker here'),
      issue(2, 'Drift: seoul-2', `${MARKER}\nx`),
      issue(3, 'drift: seoul', `${MARKER}\nx`),
      issue(4, 'Drift: seoul', `quoted ${MARKER}`),
    ];
    expect(pickIssue(issues, 'Drift: seoul', MARKER)).toBeUndefined();
    expect(pickIssue([...issues, issue(5, 'Drift: seoul', `${MARKER}\nx`)], 'Drift: seoul', MARKER)?.number).toBe(5);
  });

  it('prefers the oldest open one, else the newest closed one', () => {
    const closed = [issue(3, 'T', `${MARKER}\n`, 'closed'), issue(8, 'T', `${MARKER}\n`, 'closed')];
    expect(pickIssue(closed, 'T', MARKER)?.number).toBe(8);
    expect(
      pickIssue([...closed, issue(12, 'T', `${MARKER}\n`), issue(10, 'T', `${MARKER}\n`)], 'T', MARKER)?.number,
    ).toBe(10);
  });
});

describe('issue markers and bodies', () => {
  it('accept only safe kinds and subjects', () => {
    expect(MARKER).toBe('<!-- workshop-gitops:drift:seoul -->');
    expect(() => issueMarker('drift', 'a b')).toThrow('invalid issue marker');
    expect(() => issueMarker('drift', '-->x')).toThrow('invalid issue marker');
  });

  it('refuse a body GitHub would refuse', () => {
    const room = ISSUE_BODY_LIMIT - MARKER.length - 1;
    expect(markedBody(MARKER, 'x'.repeat(room))).toHaveLength(ISSUE_BODY_LIMIT);
    expect(() => markedBody(MARKER, 'x'.repeat(room + 1))).toThrow('GitHub accepts at most 65536');
  });
});

describe('restTitledIssues', () => {
  it('lists the author’s issues across pages without pull requests, and creates, updates, closes and comments', async () => {
    const github = new FakeRepoGitHub();
    github.addIssue({ title: 'a', body: 'x', state: 'open', user: BOT });
    github.addIssue({ title: 'b', body: 'x', state: 'closed', user: BOT });
    github.addIssue({ title: 'c', body: 'x', state: 'open', user: 'someone' });
    github.addPull({ title: 'pr', head: 'h', base: 'main', body: '', state: 'open', merged_at: null });
    const api = restTitledIssues(githubRest({ token: 't', fetch: github.fetch }), {
      repository: REPOSITORY,
      author: BOT,
    });

    expect((await listIssues(api)).map((i) => [i.title, i.state])).toEqual([
      ['b', 'closed'],
      ['a', 'open'],
    ]);
    expect(github.requests.filter((r) => r.method === 'GET').length).toBe(2);

    const created = await api.create('Drift: x', 'body');
    await api.update(created.number, { body: 'new', state: 'closed', stateReason: 'completed' });
    await api.comment(created.number, 'closing');
    expect(github.issues.at(-1)).toMatchObject({ body: 'new', state: 'closed', state_reason: 'completed' });
    expect(github.issues.at(-1)?.comments.map((c) => c.body)).toEqual(['closing']);
    expect(github.writes()).toEqual([
      `POST /repos/${REPOSITORY}/issues`,
      `PATCH /repos/${REPOSITORY}/issues/${created.number}`,
      `POST /repos/${REPOSITORY}/issues/${created.number}/comments`,
    ]);
  });
});
