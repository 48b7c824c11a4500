/**
 * A configuration problem that stops the whole job before any cohort runs (missing credentials, no state bucket,
 * no sender address): reported as one sentence, exit status 2, never with a stack trace.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
