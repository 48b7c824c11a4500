/**
 * One GitHub issue per subject (`Drift: <cohort>`, `Teardown: <cohort>`), created once and then updated, closed
 * and reopened in place. It is found again by its exact title AND a hidden marker opening its body, among issues
 * opened by the workflow's own login: an issue anyone else opens with the same title (or even the marker) is never
 * taken for it, edited or closed.
 */
import { type GitHubRest, repoPath } from './github-rest.ts';

/** GitHub rejects issue and pull-request bodies longer than this (UTF-16 code units). */
export const ISSUE_BODY_LIMIT = 65_536;

export interface TitledIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly state: 'open' | 'closed';
  readonly url?: string;
}

export interface IssueChanges {
  readonly body?: string;
  readonly state?: 'open' | 'closed';
  readonly stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export interface TitledIssuesApi {
  /** Issues (not pull requests) opened by the workflow's login, open and closed. */
  list(): AsyncIterable<TitledIssue>;
  create(title: string, body: string): Promise<TitledIssue>;
  update(issueNumber: number, changes: IssueChanges): Promise<TitledIssue>;
  comment(issueNumber: number, body: string): Promise<{ readonly url?: string }>;
}

const SUBJECT = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `<!-- workshop-gitops:drift:seoul-2026 -->`: what makes an issue the job's own, beside its title. */
export function issueMarker(kind: string, subject: string): string {
  if (!SUBJECT.test(kind) || !SUBJECT.test(subject)) throw new Error(`invalid issue marker ${kind}:${subject}`);
  return `<!-- workshop-gitops:${kind}:${subject} -->`;
}

export function isMarkedIssue(issue: TitledIssue, title: string, marker: string): boolean {
  return issue.title === title && issue.body.startsWith(marker);
}

/**
 * The issue for `title` and `marker` among `issues`: the open one if any (the oldest, if two runs raced), else the
 * most recently closed, so a subject keeps one issue over its whole life.
 */
export function pickIssue(issues: readonly TitledIssue[], title: string, marker: string): TitledIssue | undefined {
  const matching = issues.filter((issue) => isMarkedIssue(issue, title, marker));
  const open = matching.filter((issue) => issue.state === 'open').sort((a, b) => a.number - b.number);
  if (open[0] !== undefined) return open[0];
  return matching.sort((a, b) => b.number - a.number)[0];
}

/** The marker line, then the body; throws when GitHub would refuse the length. */
export function markedBody(marker: string, body: string): string {
  const text = `${marker}\n${body}`;
  if (text.length > ISSUE_BODY_LIMIT) {
    throw new Error(`the issue body is ${text.length} characters; GitHub accepts at most ${ISSUE_BODY_LIMIT}`);
  }
  return text;
}

// ---- over the REST client ----------------------------------------------------------------------------------------

interface RestIssue {
  readonly number: number;
  readonly title: string;
  readonly body?: string | null;
  readonly state: string;
  readonly html_url?: string;
  readonly pull_request?: unknown;
}

function toIssue(issue: RestIssue): TitledIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state === 'closed' ? 'closed' : 'open',
    ...(issue.html_url === undefined ? {} : { url: issue.html_url }),
  };
}

export interface TitledIssuesOptions {
  /** OWNER/REPO */
  readonly repository: string;
  /** The login the token acts as (`github-actions[bot]` for GITHUB_TOKEN): only its issues are considered. */
  readonly author: string;
}

export function restTitledIssues(rest: GitHubRest, options: TitledIssuesOptions): TitledIssuesApi {
  const repo = repoPath(options.repository);
  return {
    async *list() {
      const query = `state=all&creator=${encodeURIComponent(options.author)}&per_page=100`;
      for await (const issue of rest.paginate<RestIssue>(`${repo}/issues?${query}`)) {
        // The issues endpoint lists pull requests too.
        if (issue.pull_request === undefined) yield toIssue(issue);
      }
    },
    async create(title, body) {
      return toIssue(await rest.request<RestIssue>('POST', `${repo}/issues`, { title, body }));
    },
    async update(issueNumber, changes) {
      const patch = {
        ...(changes.body === undefined ? {} : { body: changes.body }),
        ...(changes.state === undefined ? {} : { state: changes.state }),
        ...(changes.stateReason === undefined ? {} : { state_reason: changes.stateReason }),
      };
      return toIssue(await rest.request<RestIssue>('PATCH', `${repo}/issues/${issueNumber}`, patch));
    },
    async comment(issueNumber, body) {
      const out = await rest.request<{ html_url?: string }>('POST', `${repo}/issues/${issueNumber}/comments`, { body });
      return out.html_url === undefined ? {} : { url: out.html_url };
    },
  };
}

/** Every issue of the API, read once (a run deals with many subjects; one listing serves them all). */
export async function listIssues(api: TitledIssuesApi): Promise<TitledIssue[]> {
  const all: TitledIssue[] = [];
  for await (const issue of api.list()) all.push(issue);
  return all;
}
