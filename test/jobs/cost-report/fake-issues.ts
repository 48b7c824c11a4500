/**
 * GitHub's issue endpoints for one repository in memory, behind a `fetch` handed to Octokit: real Octokit and its
 * pagination (two issues a page), recorded requests, no network.
 */

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  /** Login of the issue's author. */
  user: string;
  pull_request?: object;
}

export interface Recorded {
  method: string;
  path: string;
  body?: unknown;
}

export function fakeIssuesGitHub(repository: string, issues: FakeIssue[] = []) {
  const requests: Recorded[] = [];
  const json = (status: number, data: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json', ...headers } });
  const view = (i: FakeIssue) => ({
    ...i,
    user: { login: i.user },
    html_url: `https://github.com/${repository}/issues/${i.number}`,
  });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, string>) : undefined;
    requests.push({ method, path: `${url.pathname}${url.search}`, ...(body === undefined ? {} : { body }) });
    if (new Headers(init?.headers).get('authorization') === null)
      return json(401, { message: 'Requires authentication' });
    if ((body?.body?.length ?? 0) > 65_536)
      return json(422, { message: 'body is too long (maximum is 65536 characters)' });
    if (method === 'GET' && url.pathname === `/repos/${repository}/issues`) {
      const creator = url.searchParams.get('creator');
      const page = Number(url.searchParams.get('page') ?? 1);
      const mine = issues.filter((i) => i.user === creator);
      const headers: Record<string, string> = {};
      if (page * 2 < mine.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return json(200, mine.slice((page - 1) * 2, page * 2).map(view), headers);
    }
    if (method === 'POST' && url.pathname === `/repos/${repository}/issues` && body) {
      const issue = {
        number: 100 + issues.length,
        title: body.title ?? '',
        body: body.body ?? '',
        user: 'github-actions[bot]',
      };
      issues.push(issue);
      return json(201, view(issue));
    }
    const one = url.pathname.startsWith(`/repos/${repository}/issues/`) ? /(\d+)$/.exec(url.pathname) : null;
    const found = issues.find((i) => i.number === Number(one?.[1]));
    if (method === 'PATCH' && found && body) {
      found.body = body.body ?? '';
      return json(200, view(found));
    }
    return json(404, { message: 'Not Found' });
  };
  return { fetch, requests, issues };
}
