/**
 * cdktf's token resolution without its cost on plain values. cdktf resolves every value of every element with a
 * generic walker that builds a context (closures and a copy of the key path) for each key and runs two regular
 * expressions on each string, though nearly every value in these stacks is literal text, a small number or a
 * boolean: it was half of the synthesis time. This walk copies plain values as they are and hands cdktf's resolver
 * every value that can hold a token — a string or key with a token marker or an encoded number, a number in the range
 * cdktf encodes tokens in, an array holding either, an object that is resolvable — so the result is the JSON cdktf
 * would write (a test compares the two, byte for byte).
 */
import type { ResolveOptions } from 'cdktf';
import type { IConstruct } from 'constructs';
import { DefaultTokenResolver, StringConcat, Tokenization } from '../cdktf-classes.ts';

const MARKER = 'TfToken[';
/** cdktf's pattern for a token number written into a string; strings without a match pass through its resolver. */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
/**
 * cdktf encodes number and number-list tokens as doubles whose top bits are a marker, of magnitude near 1e289;
 * numbers in these stacks are far smaller. A number this large (or not finite) goes to cdktf, which knows.
 */
const TOKEN_MAGNITUDE = 1e100;
/** cdktf reports a circular reference past this depth; deeper values are left to it, so its error is the one seen. */
const MAX_DEPTH = 200;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

type Cdktf = (value: unknown) => unknown;

function plainString(text: string): boolean {
  return !text.includes(MARKER) && !NUMBER_IN_STRING.test(text);
}

function plainNumber(value: number): boolean {
  return Math.abs(value) < TOKEN_MAGNITUDE;
}

function walk(value: unknown, cdktf: Cdktf, depth: number): unknown {
  if (depth > MAX_DEPTH) return cdktf(value);
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return value;
    case 'string':
      return plainString(value) ? value : cdktf(value);
    case 'number':
      return plainNumber(value) ? value : cdktf(value);
    case 'object':
      if (value === null || value instanceof Date) return value;
      return Array.isArray(value) ? walkArray(value, cdktf, depth) : walkObject(value, cdktf, depth);
    default:
      // Functions (cdktf raises its error for them), symbols and bigints (it keeps them).
      return cdktf(value);
  }
}

function walkArray(items: readonly unknown[], cdktf: Cdktf, depth: number): unknown {
  // List tokens are an array of one marked string or one encoded number: the whole array is cdktf's.
  const listToken = items.some(
    (item) => (typeof item === 'string' && item.includes(MARKER)) || (typeof item === 'number' && !plainNumber(item)),
  );
  if (listToken) return cdktf(items);
  const out: unknown[] = [];
  for (const item of items) {
    const resolved = walk(item, cdktf, depth + 1);
    if (resolved !== undefined) out.push(resolved);
  }
  return out;
}

function walkObject(object: object, cdktf: Cdktf, depth: number): unknown {
  // Resolvables, constructs (an error in cdktf) and maps with token keys are cdktf's to handle.
  if (Tokenization.isResolvable(object) || 'node' in object) return cdktf(object);
  const keys = Object.keys(object);
  if (!keys.every(plainString)) return cdktf(object);
  const out: Record<string, unknown> = {};
  const record = object as Record<string, unknown>;
  for (const key of keys) {
    const resolved = walk(record[key], cdktf, depth + 1);
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}

/** `value` with every token resolved in `scope`, as cdktf's synthesis resolves it. */
export function resolveTokens(scope: IConstruct, value: unknown): unknown {
  const options: ResolveOptions = { scope, preparing: false, resolver: RESOLVER };
  return walk(value, (tokenBearing) => Tokenization.resolve(tokenBearing, options), 0);
}
