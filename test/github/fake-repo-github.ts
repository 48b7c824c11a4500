/**
 * One repository's issues, comments, branches, files and pull requests in memory, behind a `fetch` for the REST
 * client in src/github/github-rest.ts: real requests, real pagination (two items a page, `Link` headers), every
 * request recorded, no network. What the drift and teardown jobs call, and nothing else.
 */

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason?: string | null;
  user: string;
  comments: { body: string; user: string }[];
}

export interface FakePull {
  number: number;
  title: string;
  head: string;
  base: string;
  body: string;
  state: 'open' | 'closed';
  merged_at: string | null;
}

export interface FakeBranch {
  sha: string;
  /** Path → blob sha. */
  files: Record<string, string>;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly body?: Record<string, unknown>;
}

export const REPOSITORY = 'acme/workshop-gitops';
export const BOT = 'github-actions[bot]';
const API = 'https://api.github.com';
const PAGE = 2;

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export class FakeRepoGitHub {
  readonly issues: FakeIssue[] = [];
  readonly pulls: FakePull[] = [];
  readonly branches = new Map<string, FakeBranch>();
  readonly requests: RecordedRequest[] = [];
  /** Every request from then on answers this status (a GitHub outage, a revoked token). */
  failWith: number | undefined;
  private next = 1;
  private commits = 0;

  constructor(mainFiles: readonly string[] = []) {
    this.branches.set('main', {
      sha: this.commitSha(),
      files: Object.fromEntries(mainFiles.map((f) => [f, `blob-${f}`])),
    });
  }

  private commitSha(): string {
    this.commits += 1;
    return this.commits.toString(16).padStart(40, 'c');
  }

  addIssue(issue: Omit<FakeIssue, 'number' | 'comments'> & { comments?: FakeIssue['comments'] }): FakeIssue {
    const created: FakeIssue = { comments: [], ...issue, number: this.next++ };
    this.issues.push(created);
    return created;
  }

  addPull(pull: Omit<FakePull, 'number'>): FakePull {
    const created = { ...pull, number: this.next++ };
    this.pulls.push(created);
    return created;
  }

  /** Requests other than reads, as `METHOD path`. */
  writes(): string[] {
    return this.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  }

  issueTitled(title: string): FakeIssue[] {
    return this.issues.filter((i) => i.title === title);
  }

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    this.requests.push({ method, path: `${url.pathname}${url.search}`, ...(body === undefined ? {} : { body }) });
    if (url.origin !== API) return json(404, { message: 'Not Found' });
    if (new Headers(init?.headers).get('authorization') === null)
      return json(401, { message: 'Requires authentication' });
    if (this.failWith !== undefined) return json(this.failWith, { message: 'Server Error' });
    const text = typeof body?.body === 'string' ? body.body : '';
    if (text.length > 65_536)
      return json(422, { message: 'Validation Failed', errors: [{ message: 'body is too long' }] });
    const prefix = `/repos/${REPOSITORY}`;
    if (!url.pathname.startsWith(prefix)) return json(404, { message: 'Not Found' });
    return this.route(method, url, url.pathname.slice(prefix.length), body ?? {});
  };

  private page<T>(url: URL, items: readonly T[]): Response {
    const page = Number(url.searchParams.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * PAGE < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next", <${url.origin}/x>; rel="last"`;
    }
    return json(200, items.slice((page - 1) * PAGE, page * PAGE), headers);
  }

  private issueView(issue: FakeIssue) {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      user: { login: issue.user },
      html_url: `https://github.com/${REPOSITORY}/issues/${issue.number}`,
    };
  }

  private pullView(pull: FakePull) {
    return { ...pull, html_url: `https://github.com/${REPOSITORY}/pull/${pull.number}` };
  }

  private route(method: string, url: URL, path: string, body: Record<string, unknown>): Response {
    const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
    const issuePath = /^\/issues\/(\d+)$/.exec(path);
    const commentsPath = /^\/issues\/(\d+)\/comments$/.exec(path);
    const refPath = /^\/git\/ref\/heads\/(.+)$/.exec(path);
    const contentsPath = /^\/contents\/(.+)$/.exec(path);
    const pullPath = /^\/pulls\/(\d+)$/.exec(path);
    if (path === '/issues' && method === 'GET') {
      const creator = url.searchParams.get('creator');
      const asIssues = [
        ...this.issues.filter((i) => i.user === creator).map((i) => this.issueView(i)),
        // The issues endpoint lists pull requests too.
        ...this.pulls.map((p) => ({ ...this.pullView(p), user: { login: BOT }, pull_request: {} })),
      ].sort((a, b) => b.number - a.number);
      return this.page(url, asIssues);
    }
    if (path === '/issues' && method === 'POST') {
      const issue = this.addIssue({ title: str('title'), body: str('body'), state: 'open', user: BOT });
      return json(201, this.issueView(issue));
    }
    if (issuePath && method === 'PATCH') {
      const issue = this.issues.find((i) => i.number === Number(issuePath[1]));
      if (issue === undefined) return json(404, { message: 'Not Found' });
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      if (typeof body.state_reason === 'string') issue.state_reason = body.state_reason;
      return json(200, this.issueView(issue));
    }
    if (commentsPath && method === 'POST') {
      const issue = this.issues.find((i) => i.number === Number(commentsPath[1]));
      if (issue === undefined) return json(404, { message: 'Not Found' });
      issue.comments.push({ body: str('body'), user: BOT });
      return json(201, {
        id: 9000 + issue.comments.length,
        html_url: `https://github.com/${REPOSITORY}/issues/${issue.number}#c`,
      });
    }
    if (refPath && method === 'GET') {
      const branch = this.branches.get(decodeURIComponent(refPath[1] ?? ''));
      return branch === undefined ? json(404, { message: 'Not Found' }) : json(200, { object: { sha: branch.sha } });
    }
    if (path === '/git/refs' && method === 'POST') {
      const name = str('ref').replace(/^refs\/heads\//, '');
      if (this.branches.has(name)) return json(422, { message: 'Reference already exists' });
      const from = [...this.branches.values()].find((b) => b.sha === str('sha'));
      if (from === undefined) return json(422, { message: 'Object does not exist' });
      this.branches.set(name, { sha: from.sha, files: { ...from.files } });
      return json(201, { ref: str('ref'), object: { sha: from.sha } });
    }
    if (contentsPath) {
      const file = decodeURIComponent(contentsPath[1] ?? '');
      const branchName = method === 'GET' ? (url.searchParams.get('ref') ?? 'main') : str('branch');
      const branch = this.branches.get(branchName);
      if (branch === undefined) return json(404, { message: 'No commit found for the ref' });
      const blob = branch.files[file];
      if (method === 'GET')
        return blob === undefined
          ? json(404, { message: 'Not Found' })
          : json(200, { type: 'file', sha: blob, path: file });
      if (method === 'DELETE') {
        if (blob === undefined) return json(404, { message: 'Not Found' });
        if (str('sha') !== blob) return json(409, { message: 'sha does not match' });
        delete branch.files[file];
        branch.sha = this.commitSha();
        return json(200, { commit: { sha: branch.sha } });
      }
    }
    if (path === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head') ?? '';
      const state = url.searchParams.get('state') ?? 'open';
      const pulls = this.pulls
        .filter((p) => `${REPOSITORY.split('/')[0]}:${p.head}` === head)
        .filter((p) => state === 'all' || p.state === state);
      return this.page(
        url,
        pulls.map((p) => this.pullView(p)),
      );
    }
    if (path === '/pulls' && method === 'POST') {
      if (this.pulls.some((p) => p.head === str('head') && p.state === 'open')) {
        return json(422, { message: 'Validation Failed', errors: [{ message: 'A pull request already exists' }] });
      }
      const pull = this.addPull({
        title: str('title'),
        head: str('head'),
        base: str('base'),
        body: str('body'),
        state: 'open',
        merged_at: null,
      });
      return json(201, this.pullView(pull));
    }
    if (pullPath && method === 'PATCH') {
      const pull = this.pulls.find((p) => p.number === Number(pullPath[1]));
      if (pull === undefined) return json(404, { message: 'Not Found' });
      if (typeof body.body === 'string') pull.body = body.body;
      return json(200, this.pullView(pull));
    }
    return json(404, { message: `no fake route for ${method} ${path}` });
  }
}
