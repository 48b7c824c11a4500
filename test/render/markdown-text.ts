/**
 * Test helpers that read Markdown the way GitHub does, just far enough to check that data renders inert:
 * decoding escapes, and removing code (where nothing is interpreted) before looking for live syntax.
 */

/** Undoes backslash escapes and the entities the escapers emit (one pass, as CommonMark does). */
export function decodeEscapes(text: string): string {
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#8203': '\u200b' };
  return text.replace(/\\([!-/:-@[-`{-~])|&(lt|gt|amp|quot|#39|#8203);/g, (_, escaped?: string, entity?: string) =>
    escaped !== undefined ? escaped : (entities[entity ?? ''] ?? ''),
  );
}

/** Removes fenced code blocks and code spans (matched by backtick-run length, as CommonMark matches them). */
export function withoutCode(markdown: string): string {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const run = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (run && run[0] === fence[0] && run.length >= fence.length && line.trim() === run) fence = undefined;
      continue;
    }
    if (run) {
      fence = run;
      continue;
    }
    lines.push(line);
  }
  return lines.join('\n').replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, '');
}

/** The content of a single code span produced by inlineCode. */
export function codeSpanContent(span: string): string {
  const fence = /^`+/.exec(span)?.[0] ?? '';
  const inner = span.slice(fence.length, span.length - fence.length);
  return inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '' ? inner.slice(1, -1) : inner;
}
