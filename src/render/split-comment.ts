/**
 * Fits a review comment into GitHub's limit of 65,536 characters per comment (counted in UTF-16 code units, which
 * is what a JavaScript string's `length` counts).
 *
 * 1. If everything fits in one comment, that is the comment.
 * 2. Otherwise the largest collapsible (`details`) sections are cut first, all down to the same size, until the
 *    whole fits in `maxParts` comments; each cut section ends with a note saying how many items it leaves out.
 * 3. The result is packed into numbered comments, summary sections first, cutting between blocks where possible.
 *    A fenced code block or `<details>` element open at a cut is closed at the end of one comment and reopened
 *    (marked "continued") at the start of the next, so every comment is valid Markdown on its own.
 *
 * Summary and text sections are never cut: if they alone need more than `maxParts` comments, there are more.
 */
import {
  type CommentSection,
  type DetailsSection,
  defaultOmittedNote,
  type OmittedNote,
  renderSection,
  SECTION_SEPARATOR,
} from './comment-section.ts';
import {
  advance,
  closingLines,
  joinedLength,
  NOTHING_OPEN,
  type OpenBlocks,
  reopeningLines,
} from './markdown-blocks.ts';

export const GITHUB_COMMENT_LIMIT = 65_536;

export interface SplitOptions {
  /** Most characters per comment (default 65,536). */
  readonly limit?: number;
  /** How many comments to aim for before cutting details sections (default 5). */
  readonly maxParts?: number;
  /** Hidden marker opening each comment, so a poster can find and update every part in place. */
  readonly marker?: ((part: number, total: number) => string) | undefined;
  /** Characters a poster will add to each comment itself (e.g. its own marker line), kept free. */
  readonly reserve?: number;
  /** Title repeated on continuation comments (default "Workshop plan"). */
  readonly title?: string;
  readonly omittedNote?: OmittedNote;
}

interface Settings {
  readonly limit: number;
  readonly maxParts: number;
  readonly marker: ((part: number, total: number) => string) | undefined;
  readonly reserve: number;
  readonly title: string;
  readonly note: OmittedNote;
}

function settings(options: SplitOptions): Settings {
  return {
    limit: options.limit ?? GITHUB_COMMENT_LIMIT,
    maxParts: Math.max(1, options.maxParts ?? 5),
    marker: options.marker,
    reserve: options.reserve ?? 0,
    title: options.title ?? 'Workshop plan',
    note: options.omittedNote ?? defaultOmittedNote,
  };
}

function header(part: number, total: number, s: Settings): string[] {
  const lines = s.marker ? [s.marker(part, total)] : [];
  if (part > 1) lines.push(`**${s.title} · continued (${part}/${total})**`, '');
  return lines;
}

function footer(part: number, total: number): string[] {
  return part < total ? ['', `<sub>Continued in the next comment (${part + 1}/${total}).</sub>`] : [];
}

function assemble(bodies: readonly string[], s: Settings): string[] {
  return bodies.map((body, index) =>
    [...header(index + 1, bodies.length, s), body, ...footer(index + 1, bodies.length)].join('\n'),
  );
}

/** Room for the body of every part, assuming `total` parts (more parts, longer numbers). */
function capacity(total: number, s: Settings): number {
  let overhead = 0;
  for (const part of new Set([1, 2, total])) {
    overhead = Math.max(overhead, joinedLength([...header(part, total, s), ...footer(part, total)]));
  }
  return s.limit - s.reserve - overhead;
}

// ---- step 2: cut the largest details sections ----

function itemsSize(section: DetailsSection): number {
  return section.items.reduce((sum, item) => sum + item.markdown.length + 2, 0);
}

/** How many items of each details section to show so the whole is at most `budget` characters. */
function shownItems(sections: readonly CommentSection[], budget: number, note: OmittedNote): Map<number, number> {
  let fixed = SECTION_SEPARATOR.length * Math.max(0, sections.length - 1);
  const details: { index: number; section: DetailsSection; size: number }[] = [];
  sections.forEach((section, index) => {
    if (section.kind !== 'details') {
      fixed += section.markdown.length;
      return;
    }
    // The empty rendering with the longest possible note is an upper bound of the part that is never cut.
    fixed += renderSection(section, 0, note).length;
    details.push({ index, section, size: itemsSize(section) });
  });
  const shown = new Map<number, number>();
  const total = details.reduce((sum, d) => sum + d.size, 0);
  if (fixed + total <= budget) return shown;
  // Water-filling: the largest sections are cut first, all to the same cap.
  let remaining = Math.max(0, budget - fixed);
  let cap = 0;
  const sorted = [...details].sort((a, b) => a.size - b.size);
  for (const [position, d] of sorted.entries()) {
    const share = remaining / (sorted.length - position);
    if (d.size > share) {
      cap = share;
      break;
    }
    remaining -= d.size;
    cap = d.size;
  }
  for (const d of details) {
    if (d.size <= cap) continue;
    let used = 0;
    let count = 0;
    for (const item of d.section.items) {
      if (used + item.markdown.length + 2 > cap) break;
      used += item.markdown.length + 2;
      count++;
    }
    // A group heading with none of its items would mislead.
    while (count > 0 && d.section.items[count - 1]?.counted === false) count--;
    shown.set(d.index, count);
  }
  return shown;
}

// ---- step 3: pack lines into parts ----

interface Block {
  readonly lines: string[];
  /** The open blocks after each line. */
  readonly states: OpenBlocks[];
}

/** Blocks end at blank lines outside code blocks: the preferred places to cut. */
function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block = { lines: [], states: [] };
  let state = NOTHING_OPEN;
  for (const line of text.split('\n')) {
    state = advance(state, line);
    current.lines.push(line);
    current.states.push(state);
    if (line.trim() === '' && !state.fence) {
      blocks.push(current);
      current = { lines: [], states: [] };
    }
  }
  if (current.lines.length > 0) blocks.push(current);
  return keepWithNext(blocks);
}

const LEADS_IN = /^(\s*<details[\s>]|#{1,6} |\*\*[^*]+\*\*\s*$|\s*$)/i;

/** A block that only opens something (a `<details>`, a heading) goes with the block after it, never alone at a cut. */
function keepWithNext(blocks: readonly Block[]): Block[] {
  const merged: Block[] = [];
  let pending: Block | undefined;
  for (const block of blocks) {
    const joined = pending
      ? { lines: [...pending.lines, ...block.lines], states: [...pending.states, ...block.states] }
      : block;
    pending = joined.lines.every((line) => LEADS_IN.test(line)) ? joined : undefined;
    if (!pending) merged.push(joined);
  }
  if (pending) merged.push(pending);
  return merged;
}

class Packer {
  readonly bodies: string[] = [];
  private lines: string[] = [];
  private length = 0;
  private hasContent = false;
  private state: OpenBlocks = NOTHING_OPEN;
  private readonly closeLengths = new Map<OpenBlocks, number>();

  constructor(private readonly room: number) {
    if (this.room < 1000) throw new Error(`comment limit leaves only ${this.room} characters per comment`);
  }

  private closeLength(state: OpenBlocks): number {
    let length = this.closeLengths.get(state);
    if (length === undefined) {
      length = joinedLength(closingLines(state));
      this.closeLengths.set(state, length);
    }
    return length;
  }

  private fits(addedLength: number, after: OpenBlocks): boolean {
    return this.length + addedLength + this.closeLength(after) <= this.room;
  }

  private append(lines: readonly string[], after: OpenBlocks): void {
    for (const line of lines) this.lines.push(line);
    this.length += joinedLength(lines);
    this.state = after;
    this.hasContent = true;
  }

  private endPart(): void {
    this.bodies.push([...this.lines, ...closingLines(this.state)].join('\n'));
    this.lines = reopeningLines(this.state);
    this.length = joinedLength(this.lines);
    this.hasContent = false;
  }

  add(block: Block): void {
    const length = joinedLength(block.lines);
    const after = block.states[block.states.length - 1] ?? this.state;
    if (this.fits(length, after)) {
      this.append(block.lines, after);
      return;
    }
    // A small block moves whole to the next comment; a large one is cut anyway, so it starts filling this one.
    if (this.hasContent && length < this.room / 4) {
      this.endPart();
      if (this.fits(length, after)) {
        this.append(block.lines, after);
        return;
      }
    }
    block.lines.forEach((line, i) => {
      this.addLine(line, block.states[i] ?? this.state);
    });
  }

  private addLine(line: string, after: OpenBlocks): void {
    if (this.fits(line.length + 1, after)) {
      this.append([line], after);
      return;
    }
    if (this.hasContent) {
      this.endPart();
      if (this.fits(line.length + 1, after)) {
        this.append([line], after);
        return;
      }
    }
    // Last resort, a single line longer than a whole comment: cut it (never inside a surrogate pair).
    let rest = line;
    while (rest.length > 0) {
      let size = this.room - this.length - this.closeLength(after) - 1;
      if (size < rest.length && /[\uD800-\uDBFF]/.test(rest.charAt(size - 1))) size--;
      if (size < 1) {
        this.endPart();
        continue;
      }
      this.append([rest.slice(0, size)], after);
      rest = rest.slice(size);
      if (rest.length > 0) this.endPart();
    }
  }

  finish(): string[] {
    if (this.hasContent) this.endPart();
    return this.bodies;
  }
}

function pack(text: string, room: number): string[] {
  const packer = new Packer(room);
  for (const block of toBlocks(text)) packer.add(block);
  return packer.finish();
}

function render(sections: readonly CommentSection[], shown: Map<number, number>, note: OmittedNote): string {
  return sections.map((section, index) => renderSection(section, shown.get(index), note)).join(SECTION_SEPARATOR);
}

/** Packs, and repacks with room for longer part numbers if the count grew past what was assumed. */
function packAll(text: string, s: Settings): string[] {
  let assumed = s.maxParts;
  for (;;) {
    const bodies = pack(text, capacity(assumed, s));
    if (bodies.length <= assumed) return bodies;
    assumed = bodies.length;
  }
}

/** Splits the sections into comments, each at most `limit` characters (with `reserve` kept free). */
export function splitComment(sections: readonly CommentSection[], options: SplitOptions = {}): string[] {
  const s = settings(options);
  // Summary sections always lead, so the first comment opens with them.
  const ordered = [
    ...sections.filter((section) => section.kind === 'summary'),
    ...sections.filter((section) => section.kind !== 'summary'),
  ];
  const full = render(ordered, new Map(), s.note);
  if (full.length <= capacity(1, s)) return assemble([full], s);

  const detailsCount = ordered.filter((section) => section.kind === 'details').length;
  let budget = s.maxParts * capacity(s.maxParts, s) * 0.98;
  let bodies: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const shown = shownItems(ordered, budget, s.note);
    bodies = packAll(render(ordered, shown, s.note), s);
    const allCut = shown.size === detailsCount && [...shown.values()].every((count) => count === 0);
    if (bodies.length <= s.maxParts || allCut) break;
    // Packing wastes some room at block boundaries: shrink the budget in proportion and try again.
    budget *= (s.maxParts / bodies.length) * 0.97;
  }
  return assemble(bodies, s);
}
