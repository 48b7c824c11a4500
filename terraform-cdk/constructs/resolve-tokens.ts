/**
 * cdktf's token resolution without its cost on plain values. cdktf resolves every value of every element with a
 * generic walker that builds a context (closures and a copy of the key path) for each key and runs two regular
 * expressions on each string, though nearly every value in these stacks is literal text, a number or a boolean: it
 * was half of the synthesis time. This walk copies plain values as they are and hands cdktf's resolver only the
 * values that can hold a token — a string with a token marker or an encoded number, a token number, an array with a
 * list token, an object that is resolvable or has token keys — so the result is the JSON cdktf would write (a test
 * compares the two on every example stack).
 */
import type { ResolveOptions } from 'cdktf';
import type { IConstruct } from 'constructs';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from '../cdktf-classes.ts';

const MARKER = 'TfToken[';
/** cdktf's pattern for a token number written into a string; strings without a match pass through its resolver. */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

type Cdktf = (value: unknown) => unknown;

function plainString(text: string): boolean {
  return !text.includes(MARKER) && !NUMBER_IN_STRING.test(text);
}

function plainNumber(value: number): boolean {
  return !Token.isUnresolved(value);
}

function walk(value: unknown, cdktf: Cdktf): unknown {
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
      return Array.isArray(value) ? walkArray(value, cdktf) : walkObject(value, cdktf);
    default:
      // Functions, symbols and bigints: cdktf's resolver raises its own error for them.
      return cdktf(value);
  }
}

function walkArray(items: readonly unknown[], cdktf: Cdktf): unknown {
  const listToken = items.some(
    (item) => (typeof item === 'string' && item.includes(MARKER)) || (typeof item === 'number' && !plainNumber(item)),
  );
  if (listToken) return cdktf(items);
  const out: unknown[] = [];
  for (const item of items) {
    const resolved = walk(item, cdktf);
    if (resolved !== undefined) out.push(resolved);
  }
  return out;
}

function walkObject(object: object, cdktf: Cdktf): unknown {
  // Resolvables, constructs (an error in cdktf) and maps with token keys are cdktf's to handle.
  if (Tokenization.isResolvable(object) || 'node' in object) return cdktf(object);
  const keys = Object.keys(object);
  if (keys.some((key) => key.includes(MARKER))) return cdktf(object);
  const out: Record<string, unknown> = {};
  const record = object as Record<string, unknown>;
  for (const key of keys) {
    const resolved = walk(record[key], cdktf);
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}

/** `value` with every token resolved in `scope`, as cdktf's synthesis resolves it. */
export function resolveTokens(scope: IConstruct, value: unknown): unknown {
  const options: ResolveOptions = { scope, preparing: false, resolver: RESOLVER };
  return walk(value, (tokenBearing) => Tokenization.resolve(tokenBearing, options));
}
