/**
 * Tolerant accessors for Terraform JSON values. CDKTF writes a nested block as an object or as an array of objects
 * depending on the provider schema, and hand-edited JSON may use either; booleans and numbers may arrive as strings.
 * Every accessor accepts any shape and never throws.
 */

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A block written as one object or as an array of objects, as a list of objects (anything else is skipped). */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** Every value found under `keys`, descending through nested blocks (object or array form at each level). */
export function dig(value: unknown, ...keys: readonly string[]): unknown[] {
  let current: unknown[] = [value];
  for (const key of keys) {
    current = current.flatMap(blocks).flatMap((block) => (block[key] === undefined ? [] : [block[key]]));
  }
  return current;
}

/** The blocks found under `keys`. */
export function digBlocks(value: unknown, ...keys: readonly string[]): JsonObject[] {
  return dig(value, ...keys).flatMap(blocks);
}

export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A string or a list of strings as a list (IAM and Terraform both allow either). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Whether any value under `keys` equals `expected`, ignoring case (AWS enum values are case-insensitive here). */
export function someEquals(value: unknown, keys: readonly string[], expected: string): boolean {
  return dig(value, ...keys).some((v) => typeof v === 'string' && v.toLowerCase() === expected.toLowerCase());
}
