/**
 * Makes text from cohort files safe inside a Markdown table cell: HTML and table-breaking characters are escaped
 * and `@mentions` are made inert. (src/render/ has its own helper; this one keeps src/cost independent of it.)
 */
export function escapeCell(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replaceAll('`', '\\`')
    .replaceAll('@', '@\u200b')
    .replace(/\r?\n|\r/g, ' ');
}
