/** Reads a file an action was pointed at, failing with the path and what produces the file instead of a bare ENOENT. */
import { readFile } from 'node:fs/promises';

export async function readInputFile(file: string, producedBy: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    const problem = code === 'ENOENT' ? 'is missing' : `cannot be read (${code})`;
    throw new Error(`${file} ${problem}: ${producedBy}`);
  }
}
