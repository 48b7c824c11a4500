import { describe, expect, it } from 'vitest';
import {
  DIGEST_KEY_ENV,
  DigestKeyError,
  keySealNode,
  MIN_DIGEST_KEY_LENGTH,
  sealedLeaf,
  sealedMarker,
  sealFromEnv,
  sealOfMarker,
  sensitiveSeal,
} from '../../src/plan/sensitive-seal.ts';

const KEY = '0123456789abcdef'.repeat(4);

describe('sensitiveSeal', () => {
  it('is an HMAC-SHA256 of the canonical JSON: the same for equal values, whatever the key order', () => {
    const seal = sensitiveSeal(KEY);
    expect(seal({ a: 1, b: 'x' })).toMatch(/^[0-9a-f]{64}$/);
    expect(seal({ b: 'x', a: 1 })).toBe(seal({ a: 1, b: 'x' }));
    expect(seal('boop')).not.toBe(seal('boop2'));
    expect(seal('boop')).not.toContain('boop');
  });

  it('ignores whitespace around the key, as GitHub Actions inputs do', () => {
    expect(sensitiveSeal(` ${KEY}\n`)('boop')).toBe(sensitiveSeal(KEY)('boop'));
    expect(() => sensitiveSeal(`  ${'k'.repeat(MIN_DIGEST_KEY_LENGTH - 1)}  `)).toThrow(DigestKeyError);
  });

  it('differs from one key to another', () => {
    expect(sensitiveSeal(KEY)('boop')).not.toBe(sensitiveSeal(`${KEY}!`)('boop'));
  });

  it(`refuses a key shorter than ${MIN_DIGEST_KEY_LENGTH} characters, saying how to make one`, () => {
    expect(() => sensitiveSeal('short')).toThrow(DigestKeyError);
    expect(() => sensitiveSeal('short')).toThrow(/at least 32.*openssl rand -hex 32/);
    expect(() => sensitiveSeal('k'.repeat(MIN_DIGEST_KEY_LENGTH))).not.toThrow();
  });
});

describe('sealFromEnv', () => {
  it(`reads ${DIGEST_KEY_ENV}; unset or empty (a secret not configured) means no seal`, () => {
    expect(sealFromEnv({})).toBeUndefined();
    expect(sealFromEnv({ [DIGEST_KEY_ENV]: '' })).toBeUndefined();
    expect(sealFromEnv({ [DIGEST_KEY_ENV]: ' \n' })).toBeUndefined();
    expect(sealFromEnv({ [DIGEST_KEY_ENV]: KEY })?.('x')).toBe(sensitiveSeal(KEY)('x'));
    expect(() => sealFromEnv({ [DIGEST_KEY_ENV]: 'short' })).toThrow(DigestKeyError);
  });
});

describe('sealed markers and leaves', () => {
  const seal = sensitiveSeal(KEY);
  it('read back the seal they hold, and nothing else', () => {
    const hex = seal('boop');
    expect(sealOfMarker(sealedMarker(hex))).toBe(hex);
    expect(sealOfMarker('(redacted sensitive value)')).toBeUndefined();
    expect(sealOfMarker(`${sealedMarker(hex)} `)).toBeUndefined();
    expect(sealOfMarker(42)).toBeUndefined();
  });

  it('seal every covered node of a leaf and keep the rest, null staying null', () => {
    const node = keySealNode(seal);
    const leaf = sealedLeaf(
      { a: 'x', b: 's3cret', c: null, d: ['y', 'z'] },
      undefined,
      { b: true, c: true, d: [false, true] },
      node,
    );
    expect(JSON.parse(leaf)).toEqual({ a: 'x', b: seal('s3cret'), c: null, d: ['y', seal('z')] });
    expect(leaf).not.toContain('s3cret');
    expect(sealedLeaf('s3cret', true, undefined, node)).toBe(JSON.stringify(seal('s3cret')));
  });
});
