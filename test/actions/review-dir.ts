/** A `workshop plan --out` folder as the plan-comment action reads it (the files the lead's command writes). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes the folder inside `parent` (the test removes `parent` when done). */
export function reviewDir(parent: string, parts: readonly string[]): string {
  const review = `# Full review\n\n${parts.join('\n\n')}\n`;
  const dir = mkdtempSync(path.join(parent, 'review-dir-'));
  writeFileSync(path.join(dir, 'comment-parts.json'), JSON.stringify({ key: 'plan', parts }));
  writeFileSync(path.join(dir, 'review.md'), review);
  return dir;
}

/** A review long enough to need `count` comments: each part close to GitHub's limit. */
export function longParts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `## Part ${i + 1}\n${'x'.repeat(60_000)}`);
}
