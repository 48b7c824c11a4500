/**
 * Just enough of Markdown's block structure to cut a document between any two lines and keep both halves valid:
 * which fenced code block and which `<details>` elements are open at that point, how to close them at the end of
 * one comment and how to reopen them at the start of the next.
 */

export interface OpenBlocks {
  /** The opening line of the fenced code block we are inside, if any. */
  readonly fence?: { readonly line: string; readonly char: string; readonly length: number } | undefined;
  /** Opening lines of the `<details>` elements we are inside, outermost first. */
  readonly details: readonly string[];
}

export const NOTHING_OPEN: OpenBlocks = { details: [] };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const DETAILS_OPEN = /^\s*<details[\s>]/i;
const DETAILS_CLOSE = /^\s*<\/details>/i;

/** The state after `line`. Returns the same object when nothing changes, so callers can cache by identity. */
export function advance(state: OpenBlocks, line: string): OpenBlocks {
  if (state.fence) {
    const { char, length } = state.fence;
    const trimmed = line.trim();
    const closes = /^ {0,3}[`~]/.test(line) && trimmed.length >= length && [...trimmed].every((c) => c === char);
    return closes ? { details: state.details } : state;
  }
  const fence = FENCE_OPEN.exec(line);
  if (fence?.[1]) {
    const run = fence[1];
    // A backtick fence's info string cannot contain a backtick; such a line is inline code, not a fence.
    if (run[0] === '`' && line.slice(fence[0].length).includes('`')) return state;
    return { details: state.details, fence: { line, char: run[0] ?? '`', length: run.length } };
  }
  // Our own output puts each tag at the start of a line; data never starts a line unescaped.
  if (DETAILS_OPEN.test(line)) {
    const closedOnSameLine = /<\/details>\s*$/i.test(line);
    return closedOnSameLine ? state : { details: [...state.details, line] };
  }
  if (DETAILS_CLOSE.test(line) && state.details.length > 0) return { details: state.details.slice(0, -1) };
  return state;
}

/** Lines that close everything open, innermost first. */
export function closingLines(state: OpenBlocks): string[] {
  const lines: string[] = [];
  if (state.fence) lines.push(state.fence.char.repeat(state.fence.length));
  for (let i = 0; i < state.details.length; i++) lines.push('', '</details>');
  return lines;
}

function continued(opening: string): string {
  const summary = /<summary>(.*?)<\/summary>/i.exec(opening);
  if (!summary) return opening;
  return opening.replace(summary[0], `<summary>${summary[1]} (continued)</summary>`);
}

/** Lines that reopen everything, outermost first; a reopened `<details>` says "(continued)". */
export function reopeningLines(state: OpenBlocks): string[] {
  const lines: string[] = [];
  for (const opening of state.details) lines.push(continued(opening), '');
  if (state.fence) lines.push(state.fence.line);
  return lines;
}

/** Total length of `lines` joined with newlines, plus one newline to attach them. */
export function joinedLength(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}
