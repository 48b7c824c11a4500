/**
 * Opens the failover (or failback) pull request through the GitHub REST API: reads the cohort file and the settings
 * at the head of main, edits `regions.failover`, creates the branch `failover/<id>` (or `failback/<id>`) at that
 * head, commits the file there through the contents API and opens the pull request. When the branch already exists
 * with an open pull request, that pull request is returned instead of a second one. Nothing is written before the
 * edit has succeeded, so a refused request leaves no branch behind.
 */
import { parse } from 'yaml';
import { Settings } from '../../cohort/settings-schema.ts';
import { GitHubApiError, type GitHubRest, repoPath } from '../../github/github-rest.ts';
import { BASE_BRANCH, cohortFilePath } from '../../github/teardown-pr.ts';
import { type Direction, editFailover, FailoverError } from './cohort-file-edit.ts';
import { pullRequestText } from './pr-body.ts';

export interface FailoverRequest {
  readonly cohortId: string;
  readonly direction: Direction;
}

export interface FailoverPullRequest {
  readonly number: number;
  readonly url: string;
  readonly branch: string;
  /** False when an open pull request from the branch already existed. */
  readonly created: boolean;
}

const COHORT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

interface ContentFile {
  readonly sha: string;
  readonly content?: string;
  readonly encoding?: string;
}

interface Pull {
  readonly number: number;
  readonly html_url: string;
}

export function branchName(request: FailoverRequest): string {
  return `${request.direction}/${request.cohortId}`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

interface Repo {
  readonly rest: GitHubRest;
  /** `/repos/<owner>/<name>`. */
  readonly path: string;
  readonly owner: string;
}

async function readFile(repo: Repo, path: string, sha: string): Promise<{ text: string; blobSha: string }> {
  let file: ContentFile;
  try {
    file = await repo.rest.request<ContentFile>('GET', `${repo.path}/contents/${encodePath(path)}?ref=${sha}`);
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) {
      throw new FailoverError(`${path} does not exist on ${BASE_BRANCH}`);
    }
    throw error;
  }
  if (file.encoding !== 'base64' || file.content === undefined) {
    throw new FailoverError(`${path} is too large for the contents API`);
  }
  return { text: Buffer.from(file.content, 'base64').toString('utf8'), blobSha: file.sha };
}

async function existingPull(repo: Repo, branch: string): Promise<Pull | undefined> {
  const head = encodeURIComponent(`${repo.owner}:${branch}`);
  const pulls = await repo.rest.request<Pull[]>(
    'GET',
    `${repo.path}/pulls?state=open&head=${head}&base=${BASE_BRANCH}`,
  );
  return pulls[0];
}

/** `repository`: `owner/name`. */
export async function openFailoverPullRequest(
  rest: GitHubRest,
  repository: string,
  request: FailoverRequest,
): Promise<FailoverPullRequest> {
  if (!COHORT_ID.test(request.cohortId)) throw new FailoverError(`"${request.cohortId}" is not a cohort id`);
  const repo: Repo = { rest, path: repoPath(repository), owner: repository.split('/')[0] ?? '' };
  const file = cohortFilePath(request.cohortId);
  const branch = branchName(request);

  const head = await rest.request<{ object: { sha: string } }>('GET', `${repo.path}/git/ref/heads/${BASE_BRANCH}`);
  const sha = head.object.sha;
  const cohortFile = await readFile(repo, file, sha);
  const settingsFile = await readFile(repo, 'workshops/_settings.yaml', sha);
  const settings = Settings.safeParse(parse(settingsFile.text));
  if (!settings.success) throw new FailoverError(`workshops/_settings.yaml on ${BASE_BRANCH} is not valid`);
  const edited = editFailover(file, cohortFile.text, request.direction);

  try {
    await rest.request('POST', `${repo.path}/git/refs`, { ref: `refs/heads/${branch}`, sha });
  } catch (error) {
    if (!(error instanceof GitHubApiError) || error.status !== 422) throw error;
    const open = await existingPull(repo, branch);
    if (open !== undefined) return { number: open.number, url: open.html_url, branch, created: false };
    throw new FailoverError(
      `the branch ${branch} already exists without an open pull request: delete it (or open its pull request) and run again`,
    );
  }

  const text = pullRequestText({
    cohortId: request.cohortId,
    direction: request.direction,
    primary: edited.primary,
    backup: edited.backup,
    namePrefix: settings.data.namePrefix,
    file,
  });
  await rest.request('PUT', `${repo.path}/contents/${encodePath(file)}`, {
    message: text.commitMessage,
    content: Buffer.from(edited.text, 'utf8').toString('base64'),
    sha: cohortFile.blobSha,
    branch,
  });
  const pull = await rest.request<Pull>('POST', `${repo.path}/pulls`, {
    title: text.title,
    head: branch,
    base: BASE_BRANCH,
    body: text.body,
  });
  return { number: pull.number, url: pull.html_url, branch, created: true };
}
