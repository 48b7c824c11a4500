/**
 * Runs git with an argument array (never through a shell: revisions and file names are data) and the few
 * commands the workflows need. Tests pass their own runner or a real repository made in a temp folder.
 */
import { execFile } from 'node:child_process';
import type { ChangedFile } from '../plan/changed-cohorts.ts';
import { parseNameStatus } from './git-name-status.ts';

/** Runs `git ARGS...` and resolves with its standard output as bytes (files may be binary). */
export type Git = (args: readonly string[]) => Promise<Buffer>;

/** Enough for the name list of a huge diff or a large dataset file. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

export class GitError extends Error {
  override readonly name = 'GitError';
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

export function gitIn(cwd: string): Git {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('git', [...args], { cwd, encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
        if (error) {
          const detail = firstLine(stderr.toString('utf8')) || error.message;
          reject(new GitError(`git ${args[0] ?? ''} failed: ${detail}`));
        } else {
          resolve(stdout);
        }
      });
    });
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A full commit id (SHA-1 or SHA-256). Anything else is refused before it reaches git's command line. */
export function isCommitSha(value: string): boolean {
  return SHA.test(value);
}

/** GitHub's `before` for a push that created the branch: there is no previous commit to compare with. */
export function isNullSha(value: string): boolean {
  return /^0+$/.test(value) && (value.length === 40 || value.length === 64);
}

export function assertCommitSha(value: string, what: string): void {
  if (!isCommitSha(value)) {
    throw new GitError(`${what} must be a full commit SHA (40 or 64 hex characters); got "${value.slice(0, 80)}"`);
  }
}

/** The files changed from `base` to `head`, renames detected. Both commits must be in the clone (fetch-depth: 0). */
export async function changedFilesBetween(git: Git, base: string, head: string): Promise<ChangedFile[]> {
  assertCommitSha(base, 'base');
  assertCommitSha(head, 'head');
  let output: Buffer;
  try {
    output = await git(['diff', '--no-color', '--name-status', '-z', '-M', base, head, '--']);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GitError(
      `${message}; both commits must be in the clone: check out with fetch-depth: 0 (base ${base}, head ${head})`,
    );
  }
  return parseNameStatus(output.toString('utf8'));
}
