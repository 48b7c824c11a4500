/**
 * Reads what `workshop plan --out DIR` wrote for the comment job (comment-parts.json, review.md) and
 * checks it before anything is posted, so a malformed file fails with its name and the problem, not with a 422
 * from GitHub halfway through updating the comment parts.
 */
import path from 'node:path';
import { z } from 'zod';
import { GITHUB_COMMENT_LIMIT } from '../render/split-comment.ts';
import { readInputFile } from './input-file.ts';
import { stickyMarker } from './sticky-comments.ts';

export const COMMENT_PARTS_FILE = 'comment-parts.json';
export const REVIEW_FILE = 'review.md';

const CommentParts = z.strictObject({
  key: z.string().regex(/^[\w.:-]{1,100}$/, 'must be 1-100 characters of letters, digits, _ . : -'),
  parts: z.array(z.string().min(1, 'must not be empty')).min(1, 'must hold at least one part'),
});
export type CommentParts = z.infer<typeof CommentParts>;

export class ReviewOutputError extends Error {
  override readonly name = 'ReviewOutputError';
}

function readText(file: string): Promise<string> {
  return readInputFile(file, `run \`npx workshop plan --out ${path.dirname(file)}\` first`);
}

function parseJson<T>(text: string, file: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReviewOutputError(`${file} is not JSON`);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const where = issue?.path.length ? issue.path.join('.') : '(top level)';
  throw new ReviewOutputError(`${file}: ${where} ${issue?.message ?? 'is invalid'}`);
}

/** Checks each part fits in one GitHub comment once its sticky marker is added. */
export function checkCommentParts(parts: CommentParts, file = COMMENT_PARTS_FILE): CommentParts {
  parts.parts.forEach((text, index) => {
    const length = stickyMarker(parts.key, index + 1).length + 1 + text.length;
    if (length > GITHUB_COMMENT_LIMIT) {
      throw new ReviewOutputError(
        `${file}: part ${index + 1} is ${length} characters with its marker; GitHub accepts ${GITHUB_COMMENT_LIMIT}`,
      );
    }
  });
  return parts;
}

export async function readCommentParts(dir: string): Promise<CommentParts> {
  const file = path.join(dir, COMMENT_PARTS_FILE);
  return checkCommentParts(parseJson(await readText(file), file, CommentParts), file);
}

export async function readReview(dir: string): Promise<string> {
  return readText(path.join(dir, REVIEW_FILE));
}

/** GitHub drops a step summary over 1 MiB; keep a margin for what the action adds. */
export const STEP_SUMMARY_LIMIT_BYTES = 1_000_000;

/** The review for the job summary: whole when it fits, else cut at a line with a pointer to the artifact. */
export function stepSummaryText(review: string, limitBytes = STEP_SUMMARY_LIMIT_BYTES): string {
  if (Buffer.byteLength(review, 'utf8') <= limitBytes) return review;
  const note =
    '\n\n> [!NOTE]\n> The review is too long for the job summary: the full text is in the `review` artifact.\n';
  let cut = Buffer.from(review, 'utf8')
    .subarray(0, limitBytes - Buffer.byteLength(note, 'utf8'))
    .toString('utf8');
  // A cut inside a multi-byte character decodes to U+FFFD; a cut at a line end keeps Markdown blocks whole.
  const lastLine = cut.lastIndexOf('\n');
  if (lastLine > 0) cut = cut.slice(0, lastLine);
  return `${cut}${note}`;
}
