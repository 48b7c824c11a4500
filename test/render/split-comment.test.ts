import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { syntheticPlan } from '../../src/plan/synthetic-plan.ts';
import type { CommentSection, DetailsSection } from '../../src/render/comment-section.ts';
import { planSections } from '../../src/render/plan-details.ts';
import { GITHUB_COMMENT_LIMIT, splitComment } from '../../src/render/split-comment.ts';

const marker = (part: number) => `<!-- workshop-plan:pr-42 part=${part} -->`;

/** Structure a comment must have on its own: fences and <details> opened and closed within it. */
function expectSelfContained(comment: string): void {
  let fence: string | undefined;
  let depth = 0;
  for (const line of comment.split('\n')) {
    const run = /^ {0,3}(`{3,})/.exec(line)?.[1];
    if (fence) {
      if (line.trim() === fence) fence = undefined;
      continue;
    }
    if (run) fence = run;
    else if (/^<details>/.test(line)) depth++;
    else if (/^<\/details>/.test(line)) depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(fence).toBeUndefined();
  expect(depth).toBe(0);
}

function details(summary: string, count: number, size: number): DetailsSection {
  return {
    kind: 'details',
    summary,
    items: Array.from({ length: count }, (_, i) => ({
      markdown: `- ${summary} item ${i} ${'x'.repeat(size)}`,
      counted: true,
    })),
    noun: 'changes',
  };
}

describe('splitComment', () => {
  it('returns one comment with the marker when everything fits', () => {
    const parts = splitComment([{ kind: 'text', markdown: 'hello' }], { marker });
    expect(parts).toEqual(['<!-- workshop-plan:pr-42 part=1 -->\nhello']);
  });

  it('renders a 20,000-change plan into comments of at most 65,536 characters, summary first', () => {
    const plan = parsePlan(syntheticPlan(20_000));
    const summary: CommentSection = {
      kind: 'summary',
      markdown: '## Workshop plan · 1 cohort\n\n| cohort | result |\n|---|---|',
    };
    const parts = splitComment([...planSections('big', plan), summary], { marker });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThanOrEqual(5);
    parts.forEach((part, index) => {
      expect(part.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(part.startsWith(`${marker(index + 1)}\n`)).toBe(true);
      if (index > 0) expect(part).toContain(`continued (${index + 1}/${parts.length})`);
      expectSelfContained(part);
    });
    const [first = ''] = parts;
    expect(first.indexOf('## Workshop plan · 1 cohort')).toBe(marker(1).length + 1);
    expect(first).toContain('`Plan: 17000 to add, 2800 to change, 400 to destroy.`');
    expect(parts.join('\n')).toMatch(/_[\d,]+ changes not shown here: see the job summary or the plan artifact\._/);
    expect(parts.join('\n')).not.toContain('synthetic-secret');
  });

  it('cuts the largest details sections first, and counts what it leaves out', () => {
    const small = details('small', 5, 50);
    const large = details('large', 400, 200);
    const [only = '', ...rest] = splitComment([small, large], { limit: 20_000, maxParts: 1 });
    expect(rest).toEqual([]);
    expect(only.length).toBeLessThanOrEqual(20_000);
    for (let i = 0; i < 5; i++) expect(only).toContain(`small item ${i} `);
    const shown = only.match(/large item \d+ /g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(only).toContain(`_${400 - shown} changes not shown here`);
  });

  it('closes and reopens a code block and a <details> element cut between comments', () => {
    const code = Array.from({ length: 400 }, (_, i) => `line ${i} ${'y'.repeat(40)}`).join('\n');
    const markdown = `<details><summary>Raw plan</summary>\n\n\`\`\`\`hcl\n${code}\n\`\`\`\`\n\n</details>`;
    const parts = splitComment(
      [
        { kind: 'summary', markdown: 'summary' },
        { kind: 'text', markdown },
      ],
      {
        limit: 5_000,
        marker,
      },
    );
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(5_000);
      expectSelfContained(part);
    }
    expect(parts[1]).toContain('<details><summary>Raw plan (continued)</summary>\n\n````hcl\n');
    // No line is lost or duplicated.
    const lines = parts.join('\n').match(/^line \d+ /gm) ?? [];
    expect(lines).toEqual(Array.from({ length: 400 }, (_, i) => `line ${i} `));
  });

  it('counts UTF-16 code units and never cuts a surrogate pair', () => {
    const line = '🚀'.repeat(3_000);
    const parts = splitComment([{ kind: 'text', markdown: line }], { limit: 2_500 });
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2_500);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(parts.join('').match(/🚀/gu)).toHaveLength(3_000);
  });

  it('keeps room for what the poster adds to each comment', () => {
    const parts = splitComment([details('d', 300, 100)], { limit: 10_000, reserve: 500, maxParts: 3 });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(9_500);
  });
});
