/** Reads one part of a sticky comment back, matched the way `upsertStickyComments` matches it. */
import { type IssueCommentsApi, stickyMarker } from './sticky-comments.ts';

/**
 * The body of part `part` under `key`, or undefined. The marker must open the body (a human quoting it is not the
 * comment); of duplicates left by racing runs the first listed wins, the one the next upsert keeps.
 */
export async function readStickyPart(
  api: IssueCommentsApi,
  issueNumber: number,
  key: string,
  part: number,
): Promise<string | undefined> {
  const marker = stickyMarker(key, part);
  for await (const comment of api.list(issueNumber)) {
    const body = comment.body ?? '';
    if (body === marker || body.startsWith(`${marker}\n`)) return body;
  }
  return undefined;
}

/**
 * Wraps `api` to remember which comment each create or update wrote, in call order. `upsertStickyComments` writes
 * part 1 first and every part exactly once, so after it `written` lists the parts' comment ids in order.
 */
export function recordingWrites(api: IssueCommentsApi): { readonly api: IssueCommentsApi; readonly written: number[] } {
  const written: number[] = [];
  return {
    written,
    api: {
      list: (issueNumber) => api.list(issueNumber),
      async create(issueNumber, body) {
        const comment = await api.create(issueNumber, body);
        written.push(comment.id);
        return comment;
      },
      async update(commentId, body) {
        const comment = await api.update(commentId, body);
        written.push(commentId);
        return comment;
      },
      remove: (commentId) => api.remove(commentId),
    },
  };
}
