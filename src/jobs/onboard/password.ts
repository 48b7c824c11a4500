/**
 * Temporary console passwords: random (crypto.randomInt), at least one character of every class whatever the
 * account's policy asks (so any policy is met), and long. Characters easily misread in an email (0/O, 1/l/I) and
 * symbols that mean something in HTML, URLs or email addresses (& < > " ' @ /) are left out.
 */
import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '../../aws/iam.ts';

export const PASSWORD_CLASSES = {
  uppercase: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lowercase: 'abcdefghijkmnopqrstuvwxyz',
  numbers: '23456789',
  // All from IAM's list of characters that count as symbols.
  symbols: '!#$%*+-=_',
} as const;

export const DEFAULT_PASSWORD_LENGTH = 20;
/** IAM's upper bound on password length. */
export const MAX_PASSWORD_LENGTH = 128;

export type RandomInt = (maxExclusive: number) => number;

const cryptoRandom: RandomInt = (max) => randomInt(max);

export function passwordLength(policy: PasswordPolicy): number {
  return Math.min(MAX_PASSWORD_LENGTH, Math.max(DEFAULT_PASSWORD_LENGTH, policy.minimumLength));
}

export function generatePassword(policy: PasswordPolicy, random: RandomInt = cryptoRandom): string {
  const classes = Object.values(PASSWORD_CLASSES);
  const all = classes.join('');
  const pick = (set: string) => set[random(set.length)] ?? '';
  const chars = classes.map(pick);
  while (chars.length < passwordLength(policy)) chars.push(pick(all));
  // Fisher-Yates, so the guaranteed characters are not always at the front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

/** Whether `password` meets `policy` (used by the tests and as a guard before any password is set). */
export function meetsPolicy(password: string, policy: PasswordPolicy): boolean {
  const has = (set: string) => [...password].some((c) => set.includes(c));
  return (
    password.length >= policy.minimumLength &&
    (!policy.requireUppercase || has(PASSWORD_CLASSES.uppercase)) &&
    (!policy.requireLowercase || has(PASSWORD_CLASSES.lowercase)) &&
    (!policy.requireNumbers || has(PASSWORD_CLASSES.numbers)) &&
    (!policy.requireSymbols || has(PASSWORD_CLASSES.symbols))
  );
}
