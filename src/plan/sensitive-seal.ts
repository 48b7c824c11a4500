/**
 * Sensitive values, sealed for the plan digest. The digest is published in the review comment, so it must reveal
 * nothing, and a plain hash of a short secret could be brute-forced; without a seal, a re-plan that changes only a
 * sensitive value would keep the reviewed digest and pass the apply gate. An HMAC-SHA256 under a key that only the
 * workflows hold (the repository secret WORKSHOP_PLAN_DIGEST_KEY) makes the digest cover sensitive values and still
 * reveal nothing about them.
 *
 * Two places seal: the apply gate, which reads the plan as `terraform show -json` writes it, with the key; and the
 * plan job, which redacts the plan before uploading it and writes each sensitive value's seal in its place
 * (src/github/redact-plan-json.ts), so the review renders from a file that holds no secret and needs no key.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, isJsonObject, type JsonValue, jsonChild, toJsonValue } from './json-value.ts';

/** Where the CLI reads the key from. */
export const DIGEST_KEY_ENV = 'WORKSHOP_PLAN_DIGEST_KEY';
/** 32 characters: 128 bits or more for a hex or base64 key (`openssl rand -hex 32` gives 64). */
export const MIN_DIGEST_KEY_LENGTH = 32;

/** A sensitive value's seal: the HMAC, hex, of its canonical JSON. */
export type Seal = (value: JsonValue) => string;

/** Raised for a key too short to resist guessing; the message says how to make one. */
export class DigestKeyError extends Error {
  override readonly name = 'DigestKeyError';
}

/**
 * The seal under `key`. Surrounding whitespace is not part of the key: GitHub Actions trims action inputs, and a
 * secret pasted with a final newline must seal alike in the review and at the gate.
 */
export function sensitiveSeal(key: string): Seal {
  const trimmed = key.trim();
  if (trimmed.length < MIN_DIGEST_KEY_LENGTH) {
    throw new DigestKeyError(
      `${DIGEST_KEY_ENV} is ${trimmed.length} characters; it needs at least ${MIN_DIGEST_KEY_LENGTH} ` +
        '(make one with `openssl rand -hex 32` and store it as a repository secret)',
    );
  }
  return (value) => createHmac('sha256', trimmed).update(canonicalJson(value), 'utf8').digest('hex');
}

/** The seal for the key in `env`, or none when the variable is unset or blank (a local, offline run). */
export function sealFromEnv(env: Readonly<Record<string, string | undefined>>): Seal | undefined {
  const key = env[DIGEST_KEY_ENV];
  return key === undefined || key.trim() === '' ? undefined : sensitiveSeal(key);
}

/** The top-level key every redacted plan carries: how its sensitive values were replaced. */
export const REDACTION_KEY = 'workshop_redaction';
/** By markers that only say whether a value changed. */
export const MARKER_REDACTION = 'markers';
/** By their seals: the plan reads back to the digest its original gives with the key. */
export const SEALED_REDACTION = 'sealed/hmac-sha256';

const SEALED_PREFIX = '(redacted sensitive value, HMAC ';
const SEALED_MARKER = /^\(redacted sensitive value, HMAC ([0-9a-f]{64})\)$/;

/** What a sealed redaction writes in place of a sensitive value. */
export function sealedMarker(seal: string): string {
  return `${SEALED_PREFIX}${seal})`;
}

/** The seal inside a sealed marker, or undefined for anything else. */
export function sealOfMarker(value: unknown): string | undefined {
  return typeof value === 'string' ? SEALED_MARKER.exec(value)?.[1] : undefined;
}

/** How the values under a sensitivity mask become seals: computed with the key, or read from a sealed redaction. */
export type SealNode = (value: unknown) => string;

export function keySealNode(seal: Seal): SealNode {
  return (value) => seal(toJsonValue(value));
}

/**
 * A sensitive leaf's value with every node a mask covers replaced by its seal (null stays null: it is no secret),
 * as canonical JSON: what the digest covers for the leaf. A leaf is usually one covered node; a leaf whose type
 * changed can hold covered nodes inside it, and both ways of sealing — with the key from the plan, or from the
 * markers of a sealed redaction — give the same text.
 */
export function sealedLeaf(value: unknown, beforeMask: unknown, afterMask: unknown, sealNode: SealNode): string {
  return canonicalJson(sealCovered(value, beforeMask, afterMask, sealNode));
}

function sealCovered(value: unknown, beforeMask: unknown, afterMask: unknown, sealNode: SealNode): JsonValue {
  if (value === null || value === undefined) return null;
  if (beforeMask === true || afterMask === true) return sealNode(value);
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      sealCovered(item, jsonChild(beforeMask, index), jsonChild(afterMask, index), sealNode),
    );
  }
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        sealCovered(item, jsonChild(beforeMask, key), jsonChild(afterMask, key), sealNode),
      ]),
    );
  }
  return toJsonValue(value);
}
