/**
 * A restore request from the words of its caller (CLI flags or workflow inputs), checked the same way for both:
 * the bucket is raw or processed, the time has an offset, and the scope is a prefix or, explicitly, `all`.
 * Throws ConfigError with the sentence to show.
 */
import { ConfigError } from '../common/config-error.ts';
import { parsePointInTime } from './point-in-time.ts';
import { checkScope, type RestoreRequest } from './restore.ts';

export interface RestoreInput {
  readonly bucket: string | undefined;
  readonly prefix: string | undefined;
  readonly all: boolean;
  readonly at: string | undefined;
  readonly apply: boolean;
}

export function restoreRequest(input: RestoreInput): RestoreRequest {
  const { bucket } = input;
  if (bucket !== 'raw' && bucket !== 'processed') {
    throw new ConfigError(
      `the bucket must be raw or processed${bucket === undefined || bucket === '' ? '' : `, got "${bucket}"`}`,
    );
  }
  if (input.at === undefined || input.at.trim() === '') {
    throw new ConfigError('the time to restore to is required, e.g. 2026-12-08T14:30:00+09:00');
  }
  const request: RestoreRequest = {
    bucket,
    prefix: input.prefix ?? '',
    all: input.all,
    at: parsePointInTime(input.at),
    apply: input.apply,
  };
  checkScope(request);
  return request;
}
