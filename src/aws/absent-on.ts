/**
 * Deletions that find the thing already gone succeed: each service says "no such thing" with its own error codes,
 * and teardown (which may run twice) treats them as `absent`, never as a failure.
 */
import { isErrorNamed } from './errors.ts';

export async function absentOn<T>(codes: readonly string[], run: () => Promise<T>): Promise<T | 'absent'> {
  try {
    return await run();
  } catch (error) {
    if (isErrorNamed(error, ...codes)) return 'absent';
    throw error;
  }
}
