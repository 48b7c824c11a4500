/**
 * Reading many things (workgroups, jobs) where one failing must not stop the others: each read is attempted, a few
 * at a time, and what went wrong becomes one readable problem line.
 */
import { describeError } from '../../aws/errors.ts';
import { mapLimit } from '../common/limit.ts';

/** Workgroups and jobs read at once within a cohort (cohorts themselves run a few at a time). */
export const INNER_CONCURRENCY = 4;
/** Names listed in one problem line before "and N more". */
const NAMES_SHOWN = 5;

/** "a, b, c and 2 more". */
export function someNames(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export async function attempt<T>(task: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

interface ReadWhat {
  /** What failed to be read: "the Athena query history". */
  readonly failed: string;
  /** The problem line for histories cut at the bound, given the names. */
  readonly truncated: (names: string) => string;
}

/**
 * Reads the history of each item, a few at a time. An item whose read fails is left out, and the failures make one
 * problem line (naming them and the first error); histories cut at the bound make another.
 */
export async function readEach<I extends { readonly name: string }, H extends { readonly truncated: boolean }>(
  items: readonly I[],
  read: (item: I) => Promise<H>,
  what: ReadWhat,
  problems: string[],
): Promise<(I & { readonly history: H })[]> {
  const results = await mapLimit(items, INNER_CONCURRENCY, async (item) => ({
    item,
    result: await attempt(() => read(item)),
  }));
  const failed = results.flatMap((r) => (r.result.ok ? [] : [{ name: r.item.name, error: r.result.error }]));
  if (failed[0] !== undefined) {
    problems.push(`could not read ${what.failed} of ${someNames(failed.map((f) => f.name))}: ${failed[0].error}`);
  }
  const histories = results.flatMap((r) => (r.result.ok ? [{ ...r.item, history: r.result.value }] : []));
  const truncated = histories.filter((h) => h.history.truncated).map((h) => h.name);
  if (truncated.length > 0) problems.push(what.truncated(someNames(truncated)));
  return histories;
}
