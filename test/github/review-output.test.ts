import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCommentParts, readReview, stepSummaryText } from '../../src/github/review-output.ts';
import { GITHUB_COMMENT_LIMIT } from '../../src/render/split-comment.ts';

describe('readCommentParts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'review-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (value: unknown) =>
    writeFileSync(path.join(dir, 'comment-parts.json'), typeof value === 'string' ? value : JSON.stringify(value));

  it('reads the key and the parts', async () => {
    write({ key: 'plan', parts: ['summary', 'more'] });
    expect(await readCommentParts(dir)).toEqual({ key: 'plan', parts: ['summary', 'more'] });
  });

  it.each([
    ['a missing file', undefined, /comment-parts\.json is missing: run `npx workshop plan --out/],
    ['text that is not JSON', '{', /is not JSON/],
    ['no parts', { key: 'plan', parts: [] }, /parts must hold at least one part/],
    ['a key that would break the marker', { key: 'plan -->', parts: ['x'] }, /key must be/],
    [
      'a part too long for GitHub',
      { key: 'plan', parts: ['ok', 'x'.repeat(GITHUB_COMMENT_LIMIT)] },
      /part 2 is \d+ characters with its marker; GitHub accepts 65536/,
    ],
  ])('refuses %s with the file and the problem', async (_name, value, message) => {
    if (value !== undefined) write(value);
    await expect(readCommentParts(dir)).rejects.toThrow(message);
  });

  it('reads review.md', async () => {
    writeFileSync(path.join(dir, 'review.md'), '# review\n');
    expect(await readReview(dir)).toBe('# review\n');
  });
});

describe('stepSummaryText', () => {
  it('keeps a review that fits', () => {
    expect(stepSummaryText('short\n', 100)).toBe('short\n');
  });

  it('cuts a long one at a line, within the limit, with a pointer to the artifact', () => {
    const review = Array.from({ length: 100 }, (_, i) => `line ${i} ✓`).join('\n');
    const text = stepSummaryText(review, 400);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(400);
    expect(text).toMatch(/line \d+ ✓\n\n> \[!NOTE\]/);
    expect(text).toContain('`review` artifact');
    expect(text).not.toContain('\uFFFD');
  });
});
