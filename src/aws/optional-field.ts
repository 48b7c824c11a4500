/**
 * `{ [key]: value }` when the value is defined, `{}` otherwise: with exactOptionalPropertyTypes an optional field
 * must be left out rather than set to undefined, and SDK outputs are full of optional fields.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
