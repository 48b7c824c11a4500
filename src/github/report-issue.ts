/**
 * One GitHub issue per scheduled report (the cost report: "Workshop cost report"), created on the first run and
 * updated in place afterwards. The issue is found again by its title AND a hidden marker opening its body, among
 * issues opened by the workflow's own login only: an issue someone else opens with the same title and marker is
 * neither taken for the report nor overwritten.
 */
import type { RepoRef } from './octokit-issue-comments.ts';

/** GitHub rejects issue bodies longer than this. */
export const ISSUE_BODY_MAX = 65_536;

export interface ReportIssue {
  readonly number: number;
  readonly title: string;
  readonly body?: string | null | undefined;
  readonly state?: string | undefined;
  readonly html_url?: string | undefined;
}

/** The few REST calls this needs: tests pass a fake, production an Octokit adapter. */
export interface ReportIssuesApi {
  /** Issues (not pull requests) opened by the workflow's login, open and closed. */
  list(): AsyncIterable<ReportIssue>;
  create(title: string, body: string): Promise<ReportIssue>;
  update(issueNumber: number, body: string): Promise<ReportIssue>;
}

export interface ReportIssueResult {
  readonly number: number;
  readonly created: boolean;
  readonly url?: string;
}

const KEY = /^[a-z0-9-]{1,60}$/;

export function reportMarker(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid report key "${key}"`);
  return `<!-- workshop-gitops:report:${key} -->`;
}

/** Characters left for the report itself once the marker line is added. */
export function reportBodyRoom(key: string): number {
  return ISSUE_BODY_MAX - reportMarker(key).length - 1;
}

function isReport(issue: ReportIssue, title: string, marker: string): boolean {
  return issue.title === title && (issue.body ?? '').startsWith(marker);
}

/**
 * Updates the report issue, or creates it when there is none. Among several (two first runs racing), the oldest is
 * kept up to date; an open one is preferred to a closed one, which is updated but left closed.
 */
export async function upsertReportIssue(
  api: ReportIssuesApi,
  report: { readonly key: string; readonly title: string; readonly body: string },
): Promise<ReportIssueResult> {
  const marker = reportMarker(report.key);
  const body = `${marker}\n${report.body}`;
  if (body.length > ISSUE_BODY_MAX) {
    throw new Error(`the report is ${body.length} characters; a GitHub issue body holds at most ${ISSUE_BODY_MAX}`);
  }
  const found: ReportIssue[] = [];
  for await (const issue of api.list()) if (isReport(issue, report.title, marker)) found.push(issue);
  found.sort((a, b) => Number(a.state === 'closed') - Number(b.state === 'closed') || a.number - b.number);
  const existing = found[0];
  const issue = existing === undefined ? await api.create(report.title, body) : await api.update(existing.number, body);
  return {
    number: issue.number,
    created: existing === undefined,
    ...(issue.html_url === undefined ? {} : { url: issue.html_url }),
  };
}

// ---- the Octokit adapter ---------------------------------------------------------------------------------------

export interface RestIssue extends ReportIssue {
  readonly pull_request?: unknown;
}

type Response<T> = Promise<{ readonly data: T }>;

/** `L` is the client's own `issues.listForRepo` method, handed back to `paginate.iterator`. */
export interface IssuesOctokit<L> {
  readonly paginate: {
    iterator(
      method: L,
      params: RepoRef & { state: 'all'; creator: string; per_page: number },
    ): AsyncIterable<{ readonly data: readonly RestIssue[] }>;
  };
  readonly rest: {
    readonly issues: {
      readonly listForRepo: L;
      create(params: RepoRef & { title: string; body: string }): Response<RestIssue>;
      update(params: RepoRef & { issue_number: number; body: string }): Response<RestIssue>;
    };
  };
}

export interface ReportIssuesOptions extends RepoRef {
  /** The login the token acts as (`github-actions[bot]` for GITHUB_TOKEN): only its issues are considered. */
  readonly author: string;
}

export function octokitReportIssues<L>(octokit: IssuesOctokit<L>, options: ReportIssuesOptions): ReportIssuesApi {
  const repo: RepoRef = { owner: options.owner, repo: options.repo };
  const issues = octokit.rest.issues;
  return {
    async *list() {
      const pages = octokit.paginate.iterator(issues.listForRepo, {
        ...repo,
        state: 'all',
        creator: options.author,
        per_page: 100,
      });
      // The issues endpoint lists pull requests too.
      for await (const page of pages) for (const issue of page.data) if (issue.pull_request === undefined) yield issue;
    },
    async create(title, body) {
      return (await issues.create({ ...repo, title, body })).data;
    },
    async update(issueNumber, body) {
      return (await issues.update({ ...repo, issue_number: issueNumber, body })).data;
    },
  };
}
