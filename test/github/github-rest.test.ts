import { describe, expect, it } from 'vitest';
import { GitHubApiError, githubRest, githubRestFromEnv, repoPath } from '../../src/github/github-rest.ts';

interface Call {
  url: string;
  method: string;
  authorization: string | null;
}

/** A fetch answering from a list of responses in order, recording each call. */
function scripted(responses: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: new Headers(init?.headers).get('authorization'),
    });
    const next = responses.shift();
    if (next === undefined) throw new Error('no more scripted responses');
    return next();
  };
  return { fetch, calls };
}

const ok =
  (data: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(data), { status: 200, headers });
const status =
  (code: number, data: unknown = { message: 'nope' }, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(data), { status: code, headers });

describe('githubRest', () => {
  it('follows Link pages and sends the token with every request', async () => {
    const { fetch, calls } = scripted([
      ok([1, 2], { link: '<https://api.github.com/repos/o/r/issues?page=2>; rel="next"' }),
      ok([3]),
    ]);
    const rest = githubRest({ token: 't0k3n', fetch });
    const items: number[] = [];
    for await (const item of rest.paginate<number>('/repos/o/r/issues?per_page=2')) items.push(item);
    expect(items).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.url)).toEqual([
      'https://api.github.com/repos/o/r/issues?per_page=2',
      'https://api.github.com/repos/o/r/issues?page=2',
    ]);
    expect(calls.every((c) => c.authorization === 'Bearer t0k3n')).toBe(true);
  });

  describe('a request that gets no answer', () => {
    const unreachable = () => {
      const sent: string[] = [];
      const fetch: typeof globalThis.fetch = async (_url, init) => {
        sent.push(init?.method ?? 'GET');
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8443') });
      };
      const waits: number[] = [];
      const rest = githubRest({
        token: 't0k3n',
        apiUrl: 'https://ghe.example/api/v3',
        fetch,
        sleep: async (ms) => void waits.push(ms),
      });
      return { rest, sent, waits };
    };

    it('is read again with a backoff, then a GitHubApiError with status 0 that says where and why', async () => {
      const { rest, sent, waits } = unreachable();
      const failure = rest.request('GET', '/repos/o/r');
      await expect(failure).rejects.toBeInstanceOf(GitHubApiError);
      await expect(failure).rejects.toMatchObject({
        status: 0,
        message:
          'cannot reach the GitHub API at https://ghe.example (fetch failed: connect ECONNREFUSED 127.0.0.1:8443): ' +
          'check the network and GITHUB_API_URL',
      });
      expect(sent).toEqual(['GET', 'GET', 'GET']);
      expect(waits).toEqual([1000, 2000]);
    });

    it('is never written twice: the write may have reached GitHub before the connection broke', async () => {
      const { rest, sent } = unreachable();
      await expect(rest.request('POST', '/repos/o/r/issues', { title: 't' })).rejects.toMatchObject({ status: 0 });
      expect(sent).toEqual(['POST']);
    });
  });

  it('never sends the token to another origin named by a Link header', async () => {
    const { fetch, calls } = scripted([ok([1], { link: '<https://evil.example/steal?page=2>; rel="next"' })]);
    const rest = githubRest({ token: 't0k3n', fetch });
    const read = async () => {
      for await (const _ of rest.paginate('/repos/o/r/issues')) void _;
    };
    await expect(read()).rejects.toThrow('refusing to send the GitHub token to https://evil.example');
    expect(calls).toHaveLength(1);
  });

  it('retries server errors and spent rate limits, then succeeds', async () => {
    const sleeps: number[] = [];
    const { fetch, calls } = scripted([
      status(502),
      status(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'retry-after': '3' }),
      ok({ number: 7 }),
    ]);
    const rest = githubRest({ token: 't', fetch, sleep: async (ms) => void sleeps.push(ms) });
    expect(await rest.request('POST', '/repos/o/r/issues', { title: 'x' })).toEqual({ number: 7 });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([1000, 3000]);
  });

  it('fails at once on a client error, naming the route and GitHub’s reasons but never the token', async () => {
    const { fetch, calls } = scripted([
      status(422, { message: 'Validation Failed', errors: [{ message: 'A pull request already exists' }] }),
    ]);
    const rest = githubRest({ token: 'secret-token', fetch, sleep: async () => {} });
    const error = await rest.request('POST', '/repos/o/r/pulls?x=1', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(422);
    expect((error as Error).message).toBe(
      'GitHub API POST /repos/o/r/pulls answered 422: Validation Failed; A pull request already exists',
    );
    expect((error as Error).message).not.toContain('secret-token');
    expect(calls).toHaveLength(1);
  });

  it('uses the API URL of GitHub Enterprise Server, path included', async () => {
    const { fetch, calls } = scripted([ok({})]);
    await githubRest({ token: 't', fetch, apiUrl: 'https://ghe.example/api/v3' }).request('GET', '/repos/o/r');
    expect(calls[0]?.url).toBe('https://ghe.example/api/v3/repos/o/r');
  });

  it('reads the token from GITHUB_TOKEN, then GH_TOKEN, and has none without them', () => {
    expect(githubRestFromEnv({})).toBeUndefined();
    expect(githubRestFromEnv({ GITHUB_TOKEN: ' ', GH_TOKEN: 'b' })?.token).toBe('b');
    expect(githubRestFromEnv({ GITHUB_TOKEN: 'a', GH_TOKEN: 'b' })?.token).toBe('a');
  });

  it('encodes the repository path and refuses anything but OWNER/REPO', () => {
    expect(repoPath('acme/workshop-gitops')).toBe('/repos/acme/workshop-gitops');
    expect(() => repoPath('acme')).toThrow('"acme" is not OWNER/REPO');
  });
});
