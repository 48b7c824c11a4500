/**
 * The building blocks of a review comment. Text sections are kept as written; a details section is a collapsed
 * `<details>` block whose items the splitter may cut (largest sections first) when the comment is too long.
 */
import { formatCount } from '../text/count.ts';

export interface TextSection {
  /** `summary` stays at the top of the first comment; `text` may move to a continuation comment. */
  readonly kind: 'summary' | 'text';
  readonly markdown: string;
}

export interface DetailsItem {
  readonly markdown: string;
  /** Whether this item is one of the things counted in the "N … not shown" note (false for group headings). */
  readonly counted: boolean;
}

export interface DetailsSection {
  readonly kind: 'details';
  /** Inner HTML of `<summary>`, already escaped by the caller. */
  readonly summary: string;
  /** Markdown shown above the items, never cut. */
  readonly intro?: string | undefined;
  readonly items: readonly DetailsItem[];
  /** What the counted items are, for the note when some are cut: "changes", "resources". */
  readonly noun: string;
}

export type CommentSection = TextSection | DetailsSection;

export const SECTION_SEPARATOR = '\n\n';

export type OmittedNote = (count: number, noun: string) => string;

export const defaultOmittedNote: OmittedNote = (count, noun) =>
  `_${formatCount(count)} ${noun} not shown here: see the job summary or the plan artifact._`;

export function detailsOpening(summary: string): string {
  return `<details><summary>${summary}</summary>`;
}

/** Renders a section; for details, only the first `shown` items, followed by a note about the rest. */
export function renderSection(section: CommentSection, shown?: number, note: OmittedNote = defaultOmittedNote): string {
  if (section.kind !== 'details') return section.markdown;
  const kept = shown === undefined ? section.items : section.items.slice(0, shown);
  const omitted = section.items.slice(kept.length).filter((item) => item.counted).length;
  const parts = [detailsOpening(section.summary), ''];
  if (section.intro) parts.push(section.intro, '');
  for (const item of kept) parts.push(item.markdown, '');
  if (omitted > 0) parts.push(note(omitted, section.noun), '');
  parts.push('</details>');
  return parts.join('\n');
}

export function renderSections(sections: readonly CommentSection[]): string {
  return sections.map((section) => renderSection(section)).join(SECTION_SEPARATOR);
}
