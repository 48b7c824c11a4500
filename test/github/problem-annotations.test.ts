import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/cohort/problem.ts';
import { annotationOf, problemsSummary, SUMMARY_ROWS } from '../../src/github/problem-annotations.ts';

const error: Problem = {
  file: 'workshops/seoul.yaml',
  line: 12,
  column: 5,
  severity: 'error',
  message: 'owner must be a GitHub login',
};
const warning: Problem = { ...error, line: 3, severity: 'warning', message: 'the cohort already ended' };

describe('annotationOf', () => {
  it('points at the file, line and column with the level of the problem', () => {
    expect(annotationOf(error)).toEqual({
      level: 'error',
      message: 'owner must be a GitHub login',
      properties: { title: 'Cohort validation error', file: 'workshops/seoul.yaml', startLine: 12, startColumn: 5 },
    });
    expect(annotationOf(warning).level).toBe('warning');
  });
});

describe('problemsSummary', () => {
  it('counts errors and warnings and lists each problem', () => {
    const text = problemsSummary([error, warning], 3);
    expect(text).toMatch(/^## ❌ Cohort validation: 1 error, 1 warning/);
    expect(text).toContain('workshops/seoul.yaml:12:5');
    expect(text.split('\n').filter((line) => line.startsWith('| ❌') || line.startsWith('| ⚠️'))).toHaveLength(2);
  });

  it('says it passed when there is no error', () => {
    expect(problemsSummary([], 3)).toMatch(/^## ✅ Cohort validation passed: 3 files checked, 0 warnings/);
  });

  it('renders text from cohort files inert', () => {
    const text = problemsSummary([{ ...error, message: 'unknown key "<img src=x>" | @team' }], 1);
    expect(text).not.toContain('<img');
    expect(text).not.toContain('@team');
    expect(
      text
        .split('\n')
        .at(-2)
        ?.match(/(?<!\\)\|/g),
    ).toHaveLength(4);
  });

  it('caps the table and says how many more there are', () => {
    const many = Array.from({ length: SUMMARY_ROWS + 3 }, (_, i) => ({ ...error, line: i + 1 }));
    expect(problemsSummary(many, 1)).toContain('…and 3 more');
  });
});
