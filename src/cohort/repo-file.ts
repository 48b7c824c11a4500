/**
 * Files a cohort points at (roster, datasets, ETL scripts) and the cohort files themselves must be regular files
 * inside the repository: the workflows upload them to AWS, so a path must never reach outside the checkout, not even
 * through `..` or a symbolic link.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Problem, problemAt, START } from './problem.ts';
import { decodeUtf8 } from './utf8.ts';

export type RepoFile = { ok: true; absolute: string; relative: string } | { ok: false; message: string };

/** Repository-relative path with forward slashes, as problems and GitHub annotations want it. */
export function toRepoPath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/** Absolute on any platform (`/x`, `C:\\x`): such paths are never accepted from cohort files. */
export function isAbsolutePath(value: string): boolean {
  return path.isAbsolute(value) || /^[a-zA-Z]:[\\/]/.test(value);
}

/** Whether a path relative to a folder (from path.relative) leaves that folder. */
export function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Resolves `value` (relative to the repository folder `fromDir`) to an existing regular file inside `root`.
 * `what` names the field in messages ("roster", "source").
 */
export async function resolveRepoFile(root: string, fromDir: string, value: string, what: string): Promise<RepoFile> {
  const folder = fromDir === '' ? 'the repository root' : `${fromDir}/`;
  if (value.includes('\0') || isAbsolutePath(value)) {
    return { ok: false, message: `${what} "${value}" must be a path relative to the cohort file's folder (${folder})` };
  }
  const absolute = path.resolve(root, fromDir, value);
  const relative = path.relative(root, absolute);
  if (isOutside(relative)) {
    return {
      ok: false,
      message: `${what} "${value}" points outside the repository; keep the file inside it (paths are relative to ${folder})`,
    };
  }
  const shown = relative.split(path.sep).join('/');
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return {
        ok: false,
        message: `${what} "${value}" does not exist (looked for ${shown}); paths are relative to ${folder}`,
      };
    }
    return { ok: false, message: `${what} "${value}" cannot be read (${code ?? 'unknown error'})` };
  }
  if (isOutside(path.relative(await realpath(root), real))) {
    return {
      ok: false,
      message: `${what} "${value}" is a symbolic link leading outside the repository; copy the file into the repository`,
    };
  }
  if (!(await stat(real)).isFile()) {
    return { ok: false, message: `${what} "${value}" is not a regular file (${shown})` };
  }
  return { ok: true, absolute: real, relative: shown };
}

export type SourceText = { ok: true; text: string } | { ok: false; problem: Problem; missing: boolean };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Reads a UTF-8 text file of at most `maxBytes`. The size is checked before reading so a huge file costs nothing;
 * parsers downstream are then bounded by the limit.
 */
export async function readSourceText(absolute: string, file: string, maxBytes: number): Promise<SourceText> {
  const info = await lstat(absolute).catch(() => undefined);
  if (info === undefined) return { ok: false, problem: problemAt(file, START, 'file not found'), missing: true };
  if (info.size > maxBytes) {
    const message = `file is ${sizeText(info.size)}; the limit is ${sizeText(maxBytes)}: split it or move large data elsewhere`;
    return { ok: false, problem: problemAt(file, START, message), missing: false };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const message = `cannot read the file (${errorCode(error) ?? 'unknown error'}); check its permissions`;
    return { ok: false, problem: problemAt(file, START, message), missing: false };
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text };
  const byte = decoded.byte.toString(16).toUpperCase().padStart(2, '0');
  const message = `invalid UTF-8 (byte 0x${byte}); save the file with UTF-8 encoding`;
  return { ok: false, problem: problemAt(file, decoded.at, message), missing: false };
}
