import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8Offset } from '../../src/cohort/utf8.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('firstInvalidUtf8Offset', () => {
  it('accepts well-formed text of every sequence length', () => {
    expect(firstInvalidUtf8Offset(new TextEncoder().encode('a é 한 🚀'))).toBe(-1);
  });

  it.each([
    ['a stray continuation byte', bytes(0x61, 0x80), 1],
    ['an invalid lead byte', bytes(0x61, 0x62, 0xff), 2],
    ['an overlong encoding', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a UTF-16 surrogate', bytes(0x61, 0xed, 0xa0, 0x80), 1],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a truncated sequence at the end', bytes(0x61, 0xe2, 0x82), 1],
  ])('finds %s', (_, input, offset) => {
    expect(firstInvalidUtf8Offset(input)).toBe(offset);
    // The strict decoder agrees that the input is invalid.
    expect(decodeUtf8(input).ok).toBe(false);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid text and drops a byte-order mark', () => {
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69))).toEqual({ ok: true, text: 'hi' });
  });

  it('gives the line and the column in characters of the first bad byte', () => {
    const input = new TextEncoder().encode('one\ntwo\n한글 x');
    input[input.length - 1] = 0xfe;
    expect(decodeUtf8(input)).toEqual({ ok: false, at: { line: 3, column: 4 }, byte: 0xfe });
  });

  it('handles a bad first byte', () => {
    expect(decodeUtf8(bytes(0xff, 0x0a))).toEqual({ ok: false, at: { line: 1, column: 1 }, byte: 0xff });
  });
});
