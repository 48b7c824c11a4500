/**
 * AWS SDK v3 errors, read the same way for every service: by name (the service's error code) and HTTP status,
 * described in one line for reports, never with a stack trace.
 */

interface ServiceErrorShape {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function shape(error: unknown): ServiceErrorShape {
  return typeof error === 'object' && error !== null ? (error as ServiceErrorShape) : {};
}

/** The service's error code (`NoSuchEntity`, `CrawlerRunningException`, `AccessDenied`), or "" for non-AWS errors. */
export function errorName(error: unknown): string {
  const { name, Code } = shape(error);
  if (typeof Code === 'string' && Code !== '') return Code;
  return typeof name === 'string' ? name : '';
}

export function isErrorNamed(error: unknown, ...names: readonly string[]): boolean {
  return names.includes(errorName(error));
}

export function httpStatusOf(error: unknown): number | undefined {
  return shape(error).$metadata?.httpStatusCode;
}

/** One line: `Code: message`, or the message alone when there is no distinct code. */
export function describeError(error: unknown): string {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? '').trim() || 'no message';
  if (name === '' || name === 'Error' || firstLine.startsWith(name)) return firstLine;
  return `${name}: ${firstLine}`;
}

/** Errors that say the caller may not do something: permanent for this run, whatever the retries. */
export function isAccessDenied(error: unknown): boolean {
  return (
    isErrorNamed(
      error,
      'AccessDenied',
      'AccessDeniedException',
      'UnauthorizedOperation',
      'AuthorizationError',
      'AuthorizationErrorException',
    ) || httpStatusOf(error) === 403
  );
}

/** Node's codes for a request that never got an answer: no DNS name, no route, refused, reset, timed out. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The request never reached AWS (or its answer never came back): a network or endpoint problem, not the service's. */
export function isNetworkError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || errorName(error) === 'TimeoutError';
}
