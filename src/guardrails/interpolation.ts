/**
 * Terraform template interpolations (`${...}`) inside JSON strings. `$${` is Terraform's escape for a literal `${`
 * (IAM policy variables such as `$${aws:username}`), so it is not an interpolation.
 */
import { isObject } from './json-values.ts';

/** The index just past the `}` closing an interpolation whose body starts at `start`, or -1 when unclosed. */
function interpolationEnd(text: string, start: number): number {
  let depth = 1;
  let quote = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
    } else if (ch === '"') quote = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The bodies of the interpolations in a string, outermost only. */
export function interpolations(text: string): string[] {
  const bodies: string[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('${', i);
    if (at < 0) break;
    if (at > 0 && text[at - 1] === '$') {
      i = at + 2;
      continue;
    }
    const end = interpolationEnd(text, at + 2);
    if (end < 0) break;
    bodies.push(text.slice(at + 2, end - 1));
    i = end;
  }
  return bodies;
}

/** The body when the whole string is one interpolation (`${data.x.y.json}`), else undefined. */
export function wholeInterpolation(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('${') || trimmed.startsWith('$${')) return undefined;
  return interpolationEnd(trimmed, 2) === trimmed.length ? trimmed.slice(2, -1).trim() : undefined;
}

export function hasInterpolation(text: string): boolean {
  return interpolations(text).length > 0;
}

// `type.name` or `data.type.name`, not preceded by another identifier part (so `x.aws_s3_bucket.a` is not matched).
const ADDRESS = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)/g;

/** Every `type.name` / `data.type.name` mentioned in interpolations anywhere inside a value. */
export function referencedAddresses(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const body of interpolations(value)) {
      for (const match of body.matchAll(ADDRESS)) if (match[1] !== undefined) into.add(match[1]);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) referencedAddresses(item, into);
  } else if (isObject(value)) {
    for (const item of Object.values(value)) referencedAddresses(item, into);
  }
  return into;
}
