import { describe, expect, it } from 'vitest';
import { AWS_DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../../src/aws/iam.ts';
import {
  DEFAULT_PASSWORD_LENGTH,
  generatePassword,
  MAX_PASSWORD_LENGTH,
  meetsPolicy,
  PASSWORD_CLASSES,
} from '../../../src/jobs/onboard/password.ts';

const ALL_REQUIRED: PasswordPolicy = {
  minimumLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercase: true,
  requireLowercase: true,
};

describe('generatePassword', () => {
  it('always holds every character class, whatever the random draws', () => {
    // Worst case for "each class": a generator that always draws index 0.
    const password = generatePassword(ALL_REQUIRED, () => 0);
    expect(meetsPolicy(password, ALL_REQUIRED)).toBe(true);
    for (let i = 0; i < 200; i++) {
      const p = generatePassword(ALL_REQUIRED);
      for (const set of Object.values(PASSWORD_CLASSES)) expect([...p].some((c) => set.includes(c))).toBe(true);
    }
  });

  it('is at least the default length, longer when the policy asks, never beyond IAM’s limit', () => {
    expect(generatePassword(AWS_DEFAULT_PASSWORD_POLICY)).toHaveLength(DEFAULT_PASSWORD_LENGTH);
    expect(generatePassword({ ...ALL_REQUIRED, minimumLength: 64 })).toHaveLength(64);
    expect(generatePassword({ ...ALL_REQUIRED, minimumLength: 500 })).toHaveLength(MAX_PASSWORD_LENGTH);
  });

  it('uses only characters safe in email and HTML', () => {
    const allowed = new Set(Object.values(PASSWORD_CLASSES).join(''));
    for (let i = 0; i < 50; i++) for (const c of generatePassword(ALL_REQUIRED)) expect(allowed.has(c)).toBe(true);
    expect(Object.values(PASSWORD_CLASSES).join('')).not.toMatch(/[<>&"'@/0O1lI]/);
  });

  it('differs between calls', () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword(ALL_REQUIRED)));
    expect(seen.size).toBe(100);
  });
});

describe('meetsPolicy', () => {
  it('rejects a password short of the length or missing a required class', () => {
    expect(meetsPolicy('Abcdefgh2345!#', ALL_REQUIRED)).toBe(true);
    expect(meetsPolicy('Abc2!', ALL_REQUIRED)).toBe(false);
    expect(meetsPolicy('abcdefgh2345!#', ALL_REQUIRED)).toBe(false);
    expect(meetsPolicy('Abcdefghjkmn!#', ALL_REQUIRED)).toBe(false);
  });
});
