import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { octokitOptions } from '../../src/github/octokit-issue-comments.ts';
import {
  ISSUE_BODY_MAX,
  octokitReportIssues,
  type ReportIssue,
  type ReportIssuesApi,
  reportBodyRoom,
  reportMarker,
  upsertReportIssue,
} from '../../src/github/report-issue.ts';
import { fakeIssuesGitHub } from '../jobs/cost-report/fake-issues.ts';

const TITLE = 'Workshop cost report';
const KEY = 'cost-report';
const MARKER = reportMarker(KEY);

/** The interface in memory: issues by number, calls recorded. */
class MemoryIssues implements ReportIssuesApi {
  readonly issues: ReportIssue[] = [];
  readonly calls: string[] = [];
  private next = 1;

  constructor(existing: Omit<ReportIssue, 'number'>[] = []) {
    for (const issue of existing) this.issues.push({ number: this.next++, ...issue });
  }

  async *list() {
    this.calls.push('list');
    yield* this.issues;
  }

  async create(title: string, body: string) {
    this.calls.push('create');
    const issue = {
      number: this.next++,
      title,
      body,
      state: 'open',
      html_url: `https://github.com/o/r/issues/${this.next - 1}`,
    };
    this.issues.push(issue);
    return issue;
  }

  async update(issueNumber: number, body: string) {
    this.calls.push(`update ${issueNumber}`);
    const index = this.issues.findIndex((i) => i.number === issueNumber);
    const issue = { ...(this.issues[index] as ReportIssue), body };
    this.issues[index] = issue;
    return issue;
  }
}

describe('upsertReportIssue', () => {
  it('creates the issue once, then updates it in place', async () => {
    const api = new MemoryIssues();
    const first = await upsertReportIssue(api, { key: KEY, title: TITLE, body: 'day 1' });
    const second = await upsertReportIssue(api, { key: KEY, title: TITLE, body: 'day 2' });
    expect(first).toEqual({ number: 1, created: true, url: 'https://github.com/o/r/issues/1' });
    expect(second).toMatchObject({ number: 1, created: false });
    expect(api.calls).toEqual(['list', 'create', 'list', 'update 1']);
    expect(api.issues).toHaveLength(1);
    expect(api.issues[0]?.body).toBe(`${MARKER}\nday 2`);
  });

  it('takes neither a look-alike title without the marker nor the marker under another title', async () => {
    const api = new MemoryIssues([
      { title: TITLE, body: 'someone asks about costs', state: 'open' },
      { title: 'Other report', body: `${MARKER}\nx`, state: 'open' },
      { title: TITLE, body: `quoting ${MARKER}`, state: 'open' },
    ]);
    const result = await upsertReportIssue(api, { key: KEY, title: TITLE, body: 'report' });
    expect(result).toMatchObject({ number: 4, created: true });
    expect(api.issues.slice(0, 3).map((i) => i.body)).toEqual([
      'someone asks about costs',
      `${MARKER}\nx`,
      `quoting ${MARKER}`,
    ]);
  });

  it('keeps the oldest open report when two runs raced, and updates a closed one rather than open another', async () => {
    const raced = new MemoryIssues([
      { title: TITLE, body: `${MARKER}\nold`, state: 'closed' },
      { title: TITLE, body: `${MARKER}\na`, state: 'open' },
      { title: TITLE, body: `${MARKER}\nb`, state: 'open' },
    ]);
    expect((await upsertReportIssue(raced, { key: KEY, title: TITLE, body: 'new' })).number).toBe(2);
    const closed = new MemoryIssues([{ title: TITLE, body: `${MARKER}\nold`, state: 'closed' }]);
    expect(await upsertReportIssue(closed, { key: KEY, title: TITLE, body: 'new' })).toMatchObject({
      number: 1,
      created: false,
    });
  });

  it('refuses a body GitHub would reject, and says how much room the report has', async () => {
    const api = new MemoryIssues();
    await expect(
      upsertReportIssue(api, { key: KEY, title: TITLE, body: 'x'.repeat(reportBodyRoom(KEY) + 1) }),
    ).rejects.toThrow(/at most 65536/);
    await upsertReportIssue(api, { key: KEY, title: TITLE, body: 'x'.repeat(reportBodyRoom(KEY)) });
    expect(api.issues[0]?.body).toHaveLength(ISSUE_BODY_MAX);
  });

  it('rejects a key that could break the marker', () => {
    expect(() => reportMarker('a -->')).toThrow(/invalid report key/);
  });
});

describe('octokitReportIssues', () => {
  const options = { owner: 'acme', repo: 'w', author: 'github-actions[bot]' };

  it('lists the author’s issues page by page without pull requests, then creates once and updates after', async () => {
    const github = fakeIssuesGitHub('acme/w', [
      { number: 1, title: TITLE, body: `${MARKER}\nforged`, user: 'mallory' },
      { number: 2, title: 'Bump deps', body: `${MARKER}\n`, user: 'github-actions[bot]', pull_request: {} },
      { number: 3, title: 'Crawl report', body: 'x', user: 'github-actions[bot]' },
      { number: 4, title: 'Other', body: 'y', user: 'github-actions[bot]' },
    ]);
    const api = octokitReportIssues(getOctokit('test-token', octokitOptions(github.fetch)), options);
    const listed: number[] = [];
    for await (const issue of api.list()) listed.push(issue.number);
    expect(listed).toEqual([3, 4]);

    const first = await upsertReportIssue(api, { key: KEY, title: TITLE, body: 'day 1' });
    const second = await upsertReportIssue(api, { key: KEY, title: TITLE, body: 'day 2' });
    expect(first).toEqual({ number: 104, created: true, url: 'https://github.com/acme/w/issues/104' });
    expect(second).toMatchObject({ number: 104, created: false });
    const writes = github.requests.filter((r) => r.method !== 'GET');
    expect(writes).toEqual([
      { method: 'POST', path: '/repos/acme/w/issues', body: { title: TITLE, body: `${MARKER}\nday 1` } },
      { method: 'PATCH', path: '/repos/acme/w/issues/104', body: { body: `${MARKER}\nday 2` } },
    ]);
    expect(github.requests[0]?.path).toBe(
      '/repos/acme/w/issues?state=all&creator=github-actions%5Bbot%5D&per_page=100',
    );
    // The forged issue with the marker, opened by someone else, was never touched.
    expect(github.issues.find((i) => i.number === 1)?.body).toBe(`${MARKER}\nforged`);
  });
});
