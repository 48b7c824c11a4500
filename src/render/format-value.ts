/**
 * How one attribute value reads in the comment: strings JSON-quoted (so spaces, empty strings and escapes show),
 * other values as compact JSON, long ones cut with a note, and the three things that are not values spelled out.
 * A sensitive value is never formatted at all: the model does not even hold it, and no length is shown.
 */
import type { JsonValue } from '../plan/json-value.ts';
import type { AttributeChange } from '../plan/plan-types.ts';
import { formatCount } from '../text/count.ts';
import { inlineCode } from './markdown-escape.ts';

export const SENSITIVE_VALUE = '(sensitive value)';
export const UNKNOWN_VALUE = '(known after apply)';
export const NO_VALUE = '(none)';

export interface ValueFormatOptions {
  /** Longest value shown, in characters of its JSON text (default 200). */
  readonly maxValueLength?: number;
}

export const DEFAULT_MAX_VALUE_LENGTH = 200;

/** Cuts at a code-point boundary, so a surrogate pair is never split. */
function cut(text: string, length: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(length - 1)) ? length - 1 : length;
  return text.slice(0, end);
}

export function formatValue(value: JsonValue, options: ValueFormatOptions = {}): string {
  const max = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
  const text = JSON.stringify(value) ?? 'null';
  if (text.length <= max) return inlineCode(text);
  return `${inlineCode(`${cut(text, max)}…`)} _(${formatCount(text.length)} characters, truncated)_`;
}

export function formatBefore(attribute: AttributeChange, options: ValueFormatOptions = {}): string {
  if (!attribute.hasBefore) return NO_VALUE;
  if (attribute.sensitive) return SENSITIVE_VALUE;
  return formatValue(attribute.before ?? null, options);
}

export function formatAfter(attribute: AttributeChange, options: ValueFormatOptions = {}): string {
  if (!attribute.hasAfter) return NO_VALUE;
  if (attribute.sensitive) return SENSITIVE_VALUE;
  if (attribute.unknown) return UNKNOWN_VALUE;
  return formatValue(attribute.after ?? null, options);
}
