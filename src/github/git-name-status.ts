/**
 * Reads `git diff --name-status -z -M` output into the changed files the cohort detection works on. The `-z` form
 * is used because it prints every path verbatim, NUL-terminated: no quoting of spaces, tabs, quotes or non-ASCII
 * characters to undo, and no way for a file name to look like another record.
 */
import type { ChangedFile, FileStatus } from '../plan/changed-cohorts.ts';

/** Thrown when the text is not `--name-status -z` output; says what was expected where. */
export class NameStatusFormatError extends Error {
  override readonly name = 'NameStatusFormatError';
}

const STATUS: Readonly<Record<string, FileStatus>> = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
  // A type change (file ↔ symlink), an unmerged path, an unknown change, a broken pair: all still changed.
  T: 'changed',
  U: 'changed',
  X: 'changed',
  B: 'changed',
};

/** `R100`, `C075`, `M`, ...: a letter, then a similarity score for renames and copies only. */
const STATUS_FIELD = /^([ACDMRTUXB])(\d{0,3})$/;

export function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split('\0');
  // The output ends with a NUL, which leaves one empty field at the end.
  if (fields.at(-1) === '') fields.pop();
  const files: ChangedFile[] = [];
  let index = 0;
  const next = (what: string, status: string): string => {
    const value = fields[index++];
    if (value === undefined || value === '') {
      throw new NameStatusFormatError(`git diff output ends early: status ${status} has no ${what}`);
    }
    return value;
  };
  while (index < fields.length) {
    const field = fields[index++] ?? '';
    const match = STATUS_FIELD.exec(field);
    const letter = match?.[1];
    const status = letter === undefined ? undefined : STATUS[letter];
    if (status === undefined) {
      throw new NameStatusFormatError(
        `unexpected status "${field.slice(0, 20)}" in git diff output: run git diff with --name-status -z`,
      );
    }
    if (letter === 'R' || letter === 'C') {
      const previousPath = next('source path', field);
      files.push({ path: next('destination path', field), previousPath, status });
    } else {
      files.push({ path: next('path', field), status });
    }
  }
  return files;
}
