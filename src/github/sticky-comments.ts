/**
 * One logical comment per pull request (or issue) that is updated in place, never duplicated. A long rendering
 * is posted as numbered parts; each part is found again by its hidden marker, so re-runs update every part,
 * add parts that are new and delete parts a shorter rendering no longer needs.
 */

export interface IssueComment {
  readonly id: number;
  readonly body?: string | null | undefined;
}

/** The few REST calls this needs, so tests pass a plain fake and production an Octokit adapter. */
export interface IssueCommentsApi {
  list(issueNumber: number): AsyncIterable<IssueComment>;
  create(issueNumber: number, body: string): Promise<IssueComment>;
  update(commentId: number, body: string): Promise<IssueComment>;
  remove(commentId: number): Promise<void>;
}

export interface StickyResult {
  readonly created: number[];
  readonly updated: number[];
  readonly deleted: number[];
}

const KEY = /^[\w.:-]{1,100}$/;

export function stickyMarker(key: string, part: number): string {
  if (!KEY.test(key)) throw new Error(`invalid sticky comment key "${key}"`);
  return `<!-- workshop-gitops:${key} part=${part} -->`;
}

function partOf(body: string | null | undefined, key: string): number | undefined {
  const match = /^<!-- workshop-gitops:([\w.:-]+) part=(\d+) -->/.exec(body ?? '');
  return match?.[1] === key ? Number(match[2]) : undefined;
}

/**
 * Posts `parts` (1-based in order) under `key` on `issueNumber`. Comments are matched by marker only: a human's
 * comment that quotes the marker later in its text is never touched, because the marker must open the body.
 */
export async function upsertStickyComments(
  api: IssueCommentsApi,
  issueNumber: number,
  key: string,
  parts: readonly string[],
): Promise<StickyResult> {
  if (parts.length === 0) throw new Error('a sticky comment needs at least one part');
  const existing = new Map<number, number[]>();
  for await (const comment of api.list(issueNumber)) {
    const part = partOf(comment.body, key);
    if (part !== undefined) existing.set(part, [...(existing.get(part) ?? []), comment.id]);
  }

  const result: StickyResult = { created: [], updated: [], deleted: [] };
  for (const [index, text] of parts.entries()) {
    const part = index + 1;
    const body = `${stickyMarker(key, part)}\n${text}`;
    const [first, ...duplicates] = existing.get(part) ?? [];
    if (first === undefined) {
      result.created.push((await api.create(issueNumber, body)).id);
    } else {
      await api.update(first, body);
      result.updated.push(first);
    }
    // Duplicates of one part (e.g. from two racing runs) are folded into the first.
    for (const id of duplicates) {
      await api.remove(id);
      result.deleted.push(id);
    }
    existing.delete(part);
  }
  for (const ids of existing.values()) {
    for (const id of ids) {
      await api.remove(id);
      result.deleted.push(id);
    }
  }
  return result;
}
