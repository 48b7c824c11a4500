/**
 * Sensitive values, sealed for the plan digest. The digest is published in the review comment, so it must reveal
 * nothing, and a plain hash of a short secret could be brute-forced; without a seal, a re-plan that changes only a
 * sensitive value would keep the reviewed digest and pass the apply gate. An HMAC-SHA256 under a key that only the
 * plan and apply workflows hold (the repository secret WORKSHOP_PLAN_DIGEST_KEY) makes the digest cover sensitive
 * values and still reveal nothing about them.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, type JsonValue } from './json-value.ts';

/** Where the CLI and the actions read the key from. */
export const DIGEST_KEY_ENV = 'WORKSHOP_PLAN_DIGEST_KEY';
/** 32 characters: 128 bits or more for a hex or base64 key (`openssl rand -hex 32` gives 64). */
export const MIN_DIGEST_KEY_LENGTH = 32;

/** A sensitive value's seal: the HMAC, hex, of its canonical JSON. */
export type Seal = (value: JsonValue) => string;

/** Raised for a key too short to resist guessing; the message says how to make one. */
export class DigestKeyError extends Error {
  override readonly name = 'DigestKeyError';
}

export function sensitiveSeal(key: string): Seal {
  if (key.length < MIN_DIGEST_KEY_LENGTH) {
    throw new DigestKeyError(
      `${DIGEST_KEY_ENV} is ${key.length} characters; it needs at least ${MIN_DIGEST_KEY_LENGTH} ` +
        '(make one with `openssl rand -hex 32` and store it as a repository secret)',
    );
  }
  return (value) => createHmac('sha256', key).update(canonicalJson(value), 'utf8').digest('hex');
}

/** The seal for the key in `env`, or none when the variable is unset or empty (a local, offline run). */
export function sealFromEnv(env: Readonly<Record<string, string | undefined>>): Seal | undefined {
  const key = env[DIGEST_KEY_ENV];
  return key === undefined || key === '' ? undefined : sensitiveSeal(key);
}
