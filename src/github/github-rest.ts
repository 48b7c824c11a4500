/**
 * A small GitHub REST client over `fetch`, for the jobs that write issues and pull requests (drift, teardown): the
 * same code runs from the `workshop` CLI (token from the environment) and from the actions (the workflow's token),
 * where Octokit is not available to src/. It sends the token to the API's own origin only (pagination links
 * included), retries server errors and rate limits a few times, and never puts the token in an error message.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GitHubRest {
  /** One request; `path` starts with `/` and may carry a query. Resolves with the parsed JSON body (or null). */
  request<T>(method: HttpMethod, path: string, body?: Readonly<Record<string, unknown>>): Promise<T>;
  /** Every item of a list endpoint, following `Link: rel="next"` pages. */
  paginate<T>(path: string): AsyncIterable<T>;
}

/** GitHub answered with an error status, or (status 0) did not answer at all: no network, a wrong GITHUB_API_URL. */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface GitHubRestOptions {
  readonly token: string;
  /** `GITHUB_API_URL` on GitHub Enterprise Server; default https://api.github.com. */
  readonly apiUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts per request, retries included (default 3). */
  readonly maxAttempts?: number;
}

export const DEFAULT_API_URL = 'https://api.github.com';
/** No list this project reads is longer; a bound stops a Link loop. */
const MAX_PAGES = 100;
const MAX_RETRY_WAIT_MS = 60_000;
/** How long one GitHub request may take: an API that accepts the connection and never answers must not hang a job. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

function backoffMs(attempt: number): number {
  return Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** (attempt - 1));
}

function retryDelayMs(response: Response, attempt: number): number {
  const after = Number(response.headers.get('retry-after'));
  if (Number.isFinite(after) && after > 0) return Math.min(MAX_RETRY_WAIT_MS, after * 1000);
  return backoffMs(attempt);
}

/** 5xx, 429, and a 403 that says the rate limit is spent. */
function isRetryable(response: Response): boolean {
  if (response.status >= 500 || response.status === 429) return true;
  return response.status === 403 && response.headers.get('x-ratelimit-remaining') === '0';
}

function nextLink(response: Response): string | undefined {
  const header = response.headers.get('link') ?? '';
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

async function errorMessage(method: string, path: string, response: Response): Promise<string> {
  let detail = '';
  try {
    const body = (await response.json()) as { message?: unknown; errors?: { message?: unknown }[] };
    const more = (body.errors ?? []).map((e) => e.message).filter((m) => typeof m === 'string');
    detail = [typeof body.message === 'string' ? body.message : '', ...more].filter((m) => m !== '').join('; ');
  } catch {
    // Not JSON: the status says enough.
  }
  const route = path.split('?')[0] ?? path;
  return `GitHub API ${method} ${route} answered ${response.status}${detail === '' ? '' : `: ${detail}`}`;
}

/** fetch rejects with "fetch failed" and the reason (no DNS name, refused, timed out) as its cause. */
function unreachableMessage(origin: string, error: unknown): string {
  const reasons: string[] = [];
  for (let cause = error, depth = 0; cause instanceof Error && depth < 3; cause = cause.cause, depth++) {
    reasons.push(cause.message);
  }
  const reason = reasons.length === 0 ? String(error) : reasons.join(': ');
  return unreachableGitHub(`at ${origin}`, reason);
}

/** The one sentence for a GitHub request that got no answer, from this client or from Octokit. */
export function unreachableGitHub(where: string, reason: string): string {
  return `cannot reach the GitHub API ${where} (${reason}): check the network and GITHUB_API_URL`;
}

export function githubRest(options: GitHubRestOptions): GitHubRest {
  const base = new URL(options.apiUrl ?? DEFAULT_API_URL);
  const prefix = base.pathname.replace(/\/+$/, '');
  const send = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.maxAttempts ?? 3;

  const urlOf = (path: string) => new URL(`${prefix}${path}`, base.origin);

  async function call(method: HttpMethod, url: URL, body?: Readonly<Record<string, unknown>>): Promise<Response> {
    // The token goes to the API's origin only, whatever a Link header says.
    if (url.origin !== base.origin) throw new Error(`refusing to send the GitHub token to ${url.origin}`);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await send(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'workshop-gitops',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        // Only a read is tried again: a write may have reached GitHub before the connection broke.
        if (method === 'GET' && attempt < attempts) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw new GitHubApiError(0, unreachableMessage(base.origin, error));
      }
      if (response.ok) return response;
      if (attempt >= attempts || !isRetryable(response)) {
        throw new GitHubApiError(response.status, await errorMessage(method, url.pathname, response));
      }
      await sleep(retryDelayMs(response, attempt));
    }
  }

  return {
    async request<T>(method: HttpMethod, path: string, body?: Readonly<Record<string, unknown>>): Promise<T> {
      const response = await call(method, urlOf(path), body);
      const text = await response.text();
      return (text === '' ? null : JSON.parse(text)) as T;
    },
    async *paginate<T>(path: string): AsyncIterable<T> {
      let url: URL | undefined = urlOf(path);
      for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
        const response = await call('GET', url);
        const items = (await response.json()) as T[];
        yield* items;
        const next = nextLink(response);
        url = next === undefined ? undefined : new URL(next);
      }
    },
  };
}

/** `owner/repo` as the REST paths want it, each part URL-encoded. */
export function repoPath(repository: string): string {
  const [owner = '', repo = ''] = repository.split('/');
  if (owner === '' || repo === '') throw new Error(`"${repository}" is not OWNER/REPO`);
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

/** The client for a token in the environment (`GITHUB_TOKEN`, else `GH_TOKEN`); undefined when there is none. */
export function githubRestFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  deps: Pick<GitHubRestOptions, 'fetch' | 'sleep'> = {},
): { readonly rest: GitHubRest; readonly token: string } | undefined {
  const token = (env.GITHUB_TOKEN ?? '').trim() || (env.GH_TOKEN ?? '').trim();
  if (token === '') return undefined;
  const apiUrl = (env.GITHUB_API_URL ?? '').trim();
  const { fetch, sleep } = deps;
  return {
    token,
    rest: githubRest({
      token,
      ...(apiUrl === '' ? {} : { apiUrl }),
      ...(fetch === undefined ? {} : { fetch }),
      ...(sleep === undefined ? {} : { sleep }),
    }),
  };
}
