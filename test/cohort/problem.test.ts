import { describe, expect, it } from 'vitest';
import { countBySeverity, formatProblem, hasErrors, positionOfOffset } from '../../src/cohort/problem.ts';

describe('problems', () => {
  const error = { file: 'workshops/a.yaml', line: 3, column: 7, severity: 'error' as const, message: 'bad value' };
  const warning = { ...error, severity: 'warning' as const, message: 'old cohort' };

  it('format as PATH:LINE:COL: SEVERITY: MESSAGE', () => {
    expect(formatProblem(error)).toBe('workshops/a.yaml:3:7: error: bad value');
    expect(formatProblem(warning)).toBe('workshops/a.yaml:3:7: warning: old cohort');
  });

  it('count by severity; warnings alone are not errors', () => {
    expect(countBySeverity([error, warning, warning])).toEqual({ error: 1, warning: 2 });
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, error])).toBe(true);
  });

  it('turn offsets into 1-based positions', () => {
    const text = 'ab\ncd\n\nef';
    expect(positionOfOffset(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOfOffset(text, 2)).toEqual({ line: 1, column: 3 });
    expect(positionOfOffset(text, 3)).toEqual({ line: 2, column: 1 });
    expect(positionOfOffset(text, 7)).toEqual({ line: 4, column: 1 });
  });
});
