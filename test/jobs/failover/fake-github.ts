/**
 * A recording fake of the GitHub endpoints the failover pull request uses — a branch ref, file contents (read at a
 * commit, written to a branch with the blob sha check), branch creation and pull requests — behind `fetch`, so the
 * real REST client (src/github/github-rest.ts) runs and nothing reaches the network.
 */
import { createHash } from 'node:crypto';

export const REPOSITORY = 'acme/workshop-gitops';
const API = 'https://api.github.com';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly body?: Record<string, unknown>;
  readonly authorization?: string;
}

interface Branch {
  sha: string;
  files: Map<string, string>;
}

const blobSha = (text: string) => createHash('sha1').update(text).digest('hex');

function json(status: number, data: unknown): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
}

export class FakeFailoverGitHub {
  readonly branches = new Map<string, Branch>();
  readonly pulls: { number: number; head: string; base: string; title: string; body: string; state: string }[] = [];
  readonly requests: Recorded[] = [];
  private commits = 0;

  constructor(mainFiles: Record<string, string>) {
    this.branches.set('main', { sha: this.commit(), files: new Map(Object.entries(mainFiles)) });
  }

  private commit(): string {
    this.commits += 1;
    return String(this.commits).padStart(40, 'a');
  }

  writes(): string[] {
    return this.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  }

  fileOn(branch: string, path: string): string | undefined {
    return this.branches.get(branch)?.files.get(path);
  }

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const authorization = new Headers(init?.headers).get('authorization') ?? undefined;
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      ...(body === undefined ? {} : { body }),
      ...(authorization === undefined ? {} : { authorization }),
    });
    const prefix = `/repos/${REPOSITORY}`;
    if (url.origin !== API || !url.pathname.startsWith(prefix)) return json(404, { message: 'Not Found' });
    return this.route(method, url, url.pathname.slice(prefix.length), body ?? {});
  };

  private route(method: string, url: URL, path: string, body: Record<string, unknown>): Response {
    const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
    const ref = /^\/git\/ref\/heads\/(.+)$/.exec(path);
    if (ref !== null && method === 'GET') {
      const branch = this.branches.get(decodeURIComponent(ref[1] ?? ''));
      return branch === undefined ? json(404, { message: 'Not Found' }) : json(200, { object: { sha: branch.sha } });
    }
    if (path === '/git/refs' && method === 'POST') {
      const name = str('ref').replace(/^refs\/heads\//, '');
      if (this.branches.has(name)) return json(422, { message: 'Reference already exists' });
      const from = [...this.branches.values()].find((b) => b.sha === str('sha'));
      if (from === undefined) return json(422, { message: 'Object does not exist' });
      this.branches.set(name, { sha: from.sha, files: new Map(from.files) });
      return json(201, { ref: str('ref') });
    }
    const contents = /^\/contents\/(.+)$/.exec(path);
    if (contents !== null) {
      const file = decodeURIComponent(contents[1] ?? '');
      if (method === 'GET') {
        const at = url.searchParams.get('ref') ?? 'main';
        const branch = [...this.branches.values()].find((b) => b.sha === at) ?? this.branches.get(at);
        const text = branch?.files.get(file);
        if (text === undefined) return json(404, { message: 'Not Found' });
        return json(200, {
          type: 'file',
          sha: blobSha(text),
          encoding: 'base64',
          content: Buffer.from(text).toString('base64'),
        });
      }
      if (method === 'PUT') {
        const branch = this.branches.get(str('branch'));
        const current = branch?.files.get(file);
        if (branch === undefined || current === undefined) return json(404, { message: 'Not Found' });
        if (str('sha') !== blobSha(current)) return json(409, { message: 'sha does not match' });
        branch.files.set(file, Buffer.from(str('content'), 'base64').toString('utf8'));
        branch.sha = this.commit();
        return json(200, { commit: { sha: branch.sha } });
      }
    }
    if (path === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head') ?? '';
      const open = this.pulls.filter(
        (p) => `acme:${p.head}` === head && p.state === (url.searchParams.get('state') ?? 'open'),
      );
      return json(
        200,
        open.map((p) => ({ ...p, html_url: `https://github.com/${REPOSITORY}/pull/${p.number}` })),
      );
    }
    if (path === '/pulls' && method === 'POST') {
      const pull = {
        number: 40 + this.pulls.length + 1,
        head: str('head'),
        base: str('base'),
        title: str('title'),
        body: str('body'),
        state: 'open',
      };
      this.pulls.push(pull);
      return json(201, { ...pull, html_url: `https://github.com/${REPOSITORY}/pull/${pull.number}` });
    }
    return json(404, { message: `no fake route for ${method} ${path}` });
  }
}
