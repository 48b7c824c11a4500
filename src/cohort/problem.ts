/**
 * One finding of validation, anchored at a file position. Every check (YAML, schema, paths, roster, cross-file)
 * reports through this shape so the CLI, the GitHub annotations and tests treat them alike.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the repository root, with forward slashes (`workshops/seoul-data-eng-2026-12.yaml`). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  column: number;
  severity: Severity;
  message: string;
}

export interface Position {
  line: number;
  column: number;
}

export const START: Position = { line: 1, column: 1 };

/** `PATH:LINE:COL: error: MESSAGE`, the format editors and CI log matchers recognise. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

export function problemAt(file: string, at: Position, message: string, severity: Severity = 'error'): Problem {
  return { file, line: at.line, column: at.column, severity, message };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0 };
  for (const p of problems) counts[p.severity] += 1;
  return counts;
}

/** The position `offset` (a UTF-16 index into `text`) stands for; used where no parser tracks lines for us. */
export function positionOfOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
