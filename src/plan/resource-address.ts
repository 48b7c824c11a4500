/** Pieces of Terraform resource addresses (`module.a["k"].module.b.aws_s3_bucket.raw[0]`). */

/**
 * The module part of an address, for plans that predate `module_address`. Brackets are skipped as a unit so a
 * for_each key containing dots (`module.m["a.b"]`) does not split the address.
 */
export function moduleAddressOf(address: string): string | undefined {
  const parts: string[] = [];
  let current = '';
  let inString = false;
  let depth = 0;
  for (let i = 0; i < address.length; i++) {
    const char = address[i];
    if (inString) {
      if (char === '\\') {
        current += char + (address[i + 1] ?? '');
        i++;
        continue;
      }
      if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[') depth++;
    else if (char === ']') depth--;
    else if (char === '.' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  let end = 0;
  while (parts[end] === 'module' && end + 1 < parts.length) end += 2;
  return end === 0 ? undefined : parts.slice(0, end).join('.');
}
