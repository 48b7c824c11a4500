/**
 * Text from plans and cohort files is data: these helpers make it render as the literal text it is on GitHub,
 * never as HTML, links, mentions, issue references, math or table structure.
 */

/** Line breaks (and other control characters) would end a table row or list item: one line only. */
function oneLine(text: string, lineBreak: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, lineBreak).replace(/\p{Cc}/gu, ' ');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * HTML-significant characters become entities. `@name` would notify a user or team and `#123` would link (and
 * back-reference) an issue: a zero-width space after the sign keeps the text readable but inert; as an entity, so
 * it works in Markdown and in HTML blocks alike. One pass, so no inserted entity is escaped again.
 */
function entities(text: string, characters: RegExp): string {
  return text.replace(characters, (match) => ENTITIES[match] ?? `${match}&#8203;`);
}

const MARKDOWN_ENTITIES = /[&<>]|@(?=[A-Za-z0-9])|#(?=\d)/g;
const HTML_ENTITIES = /[&<>"']|@(?=[A-Za-z0-9])|#(?=\d)/g;

/**
 * For Markdown text (paragraphs, list items, table cells). Inline syntax characters are backslash-escaped (always
 * allowed for ASCII punctuation in CommonMark), `<`, `>`, `&` become entities, `|` cannot split a table cell, and a
 * leading block marker (`#`, `-`, `+`, `=`, `1.`) cannot start a heading or list.
 */
export function escapeMarkdown(text: string): string {
  const escaped = entities(oneLine(text, ' ').replace(/[\\`*_[\]()|~$!{}]/g, '\\$&'), MARKDOWN_ENTITIES);
  return escaped.replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/** For text inside HTML elements (`<summary>`, `<sub>`), where Markdown escapes would show as backslashes. */
export function escapeHtml(text: string): string {
  return entities(oneLine(text, ' '), HTML_ENTITIES);
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

export interface InlineCodeOptions {
  /** Inside a GFM table cell a `|` must be escaped even in code (GitHub then shows a plain `|`). */
  readonly table?: boolean;
}

/**
 * A code span showing `text` exactly. The fence is one backtick longer than the longest run inside; a space pads
 * content that starts or ends with a backtick (or with spaces on both ends, which CommonMark would strip). Line
 * breaks become `↵`: inside a span they would otherwise let the rest of the text start a new block.
 */
export function inlineCode(text: string, options: InlineCodeOptions = {}): string {
  if (text === '') return '` `';
  let content = oneLine(text, '↵');
  if (options.table) content = content.replaceAll('|', '\\|');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '');
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

/** A fenced block showing `text` verbatim; the fence is longer than any backtick run inside, so nothing closes it. */
export function codeBlock(text: string, info = 'text'): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info.replace(/[`\s]/g, '')}\n${body}\n${fence}`;
}
