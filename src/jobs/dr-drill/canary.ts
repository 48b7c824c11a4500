/**
 * The drill's canary: a small JSON object under `_dr-drill/` in the raw bucket (a prefix no dataset, crawler or
 * student folder uses), with a unique key per run and its SHA-256. Every delete the drill makes goes through
 * `assertCanaryKey`, so a bug can never turn it on anything but a canary.
 */
import { createHash, randomUUID } from 'node:crypto';

export const CANARY_PREFIX = '_dr-drill/';
const CANARY_KEY = /^_dr-drill\/\d{8}T\d{6}Z-[a-z0-9]{8,32}\.json$/;

export interface Canary {
  readonly key: string;
  readonly body: string;
  /** Base64, as S3 reports `ChecksumSHA256`. */
  readonly sha256: string;
}

export type RandomId = () => string;

export const randomCanaryId: RandomId = () => randomUUID().replaceAll('-', '').slice(0, 12);

export function sha256Base64(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

export function canaryKey(at: Date, id: string): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
  return assertCanaryKey(`${CANARY_PREFIX}${stamp}-${id}.json`);
}

export function assertCanaryKey(key: string): string {
  if (!CANARY_KEY.test(key)) throw new Error(`refusing to touch "${key}": not a DR drill canary key`);
  return key;
}

export function makeCanary(cohortId: string, at: Date, id: string): Canary {
  const key = canaryKey(at, id);
  const body = `${JSON.stringify({ purpose: 'workshop dr-drill canary', cohort: cohortId, writtenAt: at.toISOString(), id })}\n`;
  return { key, body, sha256: sha256Base64(body) };
}
