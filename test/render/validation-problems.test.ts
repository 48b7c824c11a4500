import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/cohort/problem.ts';
import { MAX_PROBLEMS_SHOWN, validationBlock } from '../../src/render/validation-problems.ts';

const problem = (line: number, severity: Problem['severity'], message: string): Problem => ({
  file: 'workshops/seoul.yaml',
  line,
  column: 3,
  severity,
  message,
});

describe('validationBlock', () => {
  it('says nothing when there is nothing to say', () => {
    expect(validationBlock([])).toBe('');
  });

  it('lists errors before warnings, each at its file:line:column', () => {
    const block = validationBlock([problem(9, 'warning', 'ended'), problem(4, 'error', 'bad date')]);
    expect(block.split('\n')).toEqual([
      '**Validation: 1 error** — the cohorts they are in are not planned; fix them and push again.',
      '',
      '- ❌ `workshops/seoul.yaml:4:3` bad date',
      '- ⚠️ `workshops/seoul.yaml:9:3` ended',
    ]);
    expect(validationBlock([problem(9, 'warning', 'ended')])).toMatch(/^\*\*Validation: 1 warning\*\*\n/);
  });

  it('renders messages as text: no HTML, no mentions, no links', () => {
    const block = validationBlock([
      problem(1, 'error', 'unknown key "<img src=x onerror=alert(1)>" @octocat [x](http://e)'),
    ]);
    expect(block).not.toContain('<img');
    expect(block).not.toMatch(/(^|[^\\])@octocat/);
    expect(block).not.toContain('[x](http://e)');
  });

  it(`shows at most ${MAX_PROBLEMS_SHOWN} problems and says how many more there are`, () => {
    const many = Array.from({ length: MAX_PROBLEMS_SHOWN + 5 }, (_, i) => problem(i + 1, 'error', `problem ${i + 1}`));
    const lines = validationBlock(many).split('\n');
    expect(lines.filter((l) => l.startsWith('- ❌'))).toHaveLength(MAX_PROBLEMS_SHOWN);
    expect(lines.at(-1)).toBe('- … and 5 more problems: run `npx workshop validate`');
  });
});
