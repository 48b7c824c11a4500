/**
 * A recording fake of the few GitHub REST endpoints the actions call, served through a `fetch` function that is
 * handed to Octokit (`getOctokit(token, { request: { fetch } })`): real Octokit, real pagination, no network. Its
 * state is plain JSON, so a run in another process (under @github/local-action) can continue from it.
 */

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string };
}

export interface FakePull {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

/** An open pull request, as `GET /repos/{owner}/{repo}/pulls` lists it (the fields the code reads). */
export interface FakeOpenPull {
  number: number;
  head: { sha: string; repo: { full_name: string } | null };
  base: { sha: string };
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/issues/1/comments?per_page=100&page=2`. */
  path: string;
  body?: unknown;
  authorization?: string;
}

export interface FakeState {
  comments: FakeComment[];
  /** Pull requests associated with each commit SHA. */
  pulls: Record<string, FakePull[]>;
  /** What the pull request list answers (only `state=open` is asked for). */
  openPulls: FakeOpenPull[];
  nextId: number;
  requests: RecordedRequest[];
  /** Most comments one page holds, whatever per_page asks (GitHub's own cap is 100). */
  pageSize: number;
  /** The login comments are created as (the token's identity). */
  login: string;
  /** Writes answer 403, as for a fork pull request's read-only token. */
  readOnly: boolean;
}

export const API = 'https://api.github.com';

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function notFound(): Response {
  return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
}

function headerOf(init: RequestInit | undefined, name: string): string | undefined {
  const headers = new Headers(init?.headers);
  return headers.get(name) ?? undefined;
}

export class FakeGitHub {
  readonly state: FakeState;

  constructor(state: Partial<FakeState> = {}) {
    this.state = {
      comments: [],
      pulls: {},
      openPulls: [],
      nextId: 1000,
      requests: [],
      pageSize: 100,
      login: 'github-actions[bot]',
      readOnly: false,
      ...structuredClone(state),
    };
  }

  static fromJSON(text: string): FakeGitHub {
    return new FakeGitHub(JSON.parse(text) as Partial<FakeState>);
  }

  toJSON(): FakeState {
    return this.state;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.state.comments.filter((c) => c.issue === issue);
  }

  /** Requests other than reads, as `METHOD path`. */
  writes(): string[] {
    return this.state.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  }

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const body: unknown = text === undefined ? undefined : JSON.parse(text);
    const authorization = headerOf(init, 'authorization');
    this.state.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      ...(body === undefined ? {} : { body }),
      ...(authorization === undefined ? {} : { authorization }),
    });
    if (url.origin !== API) return notFound();
    if (authorization === undefined) return json(401, { message: 'Requires authentication' });
    return this.route(method, url, body);
  };

  private route(method: string, url: URL, body: unknown): Response {
    const path = url.pathname;
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path);
    const pulls = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/.exec(path);
    const openPulls = /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(path);
    if (method !== 'GET' && this.state.readOnly) {
      return json(403, { message: 'Resource not accessible by integration' });
    }
    if (list && method === 'GET') return this.listComments(url, Number(list[1]));
    if (list && method === 'POST') return this.createComment(Number(list[1]), body);
    if (one && method === 'PATCH') return this.updateComment(Number(one[1]), body);
    if (one && method === 'DELETE') return this.deleteComment(Number(one[1]));
    if (pulls && method === 'GET') return json(200, this.state.pulls[pulls[1] ?? ''] ?? []);
    if (openPulls && method === 'GET') return this.page(url, this.state.openPulls);
    return notFound();
  }

  private view(comment: FakeComment) {
    return { ...comment, html_url: `https://github.com/o/r/pull/${comment.issue}#issuecomment-${comment.id}` };
  }

  private listComments(url: URL, issue: number): Response {
    return this.page(
      url,
      this.commentsOn(issue).map((c) => this.view(c)),
    );
  }

  /** One page of a list, with GitHub's `Link: rel="next"` when more follow. */
  private page(url: URL, all: readonly unknown[]): Response {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.state.pageSize);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return json(200, slice, headers);
  }

  private createComment(issue: number, body: unknown): Response {
    const text = (body as { body?: unknown } | undefined)?.body;
    if (typeof text !== 'string') return json(422, { message: 'body is required' });
    if (text.length > 65_536) return json(422, { message: 'Body is too long (maximum is 65536 characters)' });
    const comment = { id: this.state.nextId++, issue, body: text, user: { login: this.state.login } };
    this.state.comments.push(comment);
    return json(201, this.view(comment));
  }

  private updateComment(id: number, body: unknown): Response {
    const comment = this.state.comments.find((c) => c.id === id);
    const text = (body as { body?: unknown } | undefined)?.body;
    if (!comment) return notFound();
    if (typeof text !== 'string') return json(422, { message: 'body is required' });
    if (text.length > 65_536) return json(422, { message: 'Body is too long (maximum is 65536 characters)' });
    comment.body = text;
    return json(200, this.view(comment));
  }

  private deleteComment(id: number): Response {
    const before = this.state.comments.length;
    this.state.comments = this.state.comments.filter((c) => c.id !== id);
    return before === this.state.comments.length ? notFound() : new Response(null, { status: 204 });
  }
}
