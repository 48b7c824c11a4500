/** Counts as every report and comment writes them: `1,234` and `1 resource` / `2 resources`. */

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `count` and `noun`, with an "s" unless there is exactly one. */
export function countOf(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
