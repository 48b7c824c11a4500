/**
 * Sets or removes `regions.failover` in a cohort file. The `yaml` Document API finds the `regions` mapping and its
 * entries with their source ranges, and the change is spliced into the original text there: one line added (or
 * removed, or a `false` turned `true`), every other byte — comments, quoting, flow collections with or without
 * inner spaces — exactly as the instructors wrote it, so the pull request's diff is that one line. (Re-printing the
 * whole document would normalise spacing the file mixes, such as `[50, 80]` next to `{ name: x }`.)
 * Refuses a file without a backup region, a cohort already in the asked-for state, and a result the schema rejects.
 */
import { isMap, isScalar, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { Cohort } from '../../cohort/schema.ts';

export type Direction = 'failover' | 'failback';

/** A request that cannot be carried out as asked; the message says why and what to do. */
export class FailoverError extends Error {
  override readonly name = 'FailoverError';
}

export interface EditedCohortFile {
  readonly text: string;
  readonly primary: string;
  readonly backup: string;
}

type Range = readonly [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  const range = (node as { range?: Range | null } | null)?.range;
  return range ?? undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the end of the line holding `offset` (its newline included). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function splice(file: string, text: string, regions: YAMLMap, direction: Direction): string {
  if (regions.flow === true) {
    throw new FailoverError(`${file} writes regions as a flow mapping ({ … }): write it as a block mapping first`);
  }
  const existing = regions.items.find((p) => keyOf(p) === 'failover');
  const keyRange = rangeOf(existing?.key);
  const valueRange = rangeOf(existing?.value);
  if (direction === 'failback') {
    if (keyRange === undefined || valueRange === undefined)
      throw new FailoverError(`${file}: cannot locate regions.failover`);
    return text.slice(0, lineStart(text, keyRange[0])) + text.slice(lineEnd(text, valueRange[1]));
  }
  if (valueRange !== undefined) {
    // `failover: false` written out: turn the value only.
    return `${text.slice(0, valueRange[0])}true${text.slice(valueRange[1])}`;
  }
  const last = regions.items.at(-1);
  const lastKey = rangeOf(last?.key);
  const lastValue = rangeOf(last?.value);
  if (lastKey === undefined || lastValue === undefined)
    throw new FailoverError(`${file}: cannot locate regions' entries`);
  const indent = text.slice(lineStart(text, lastKey[0]), lastKey[0]);
  if (!/^ *$/.test(indent)) throw new FailoverError(`${file}: regions is laid out in a way this edit does not handle`);
  const at = lineEnd(text, lastValue[1]);
  const newline = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return `${text.slice(0, at)}${newline}${indent}failover: true\n${text.slice(at)}`;
}

export function editFailover(file: string, text: string, direction: Direction): EditedCohortFile {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first !== undefined)
    throw new FailoverError(`${file} is not valid YAML (${first.message}): fix it on main first`);
  const regions = doc.get('regions', true);
  if (!isMap(regions)) throw new FailoverError(`${file} has no regions mapping`);
  const primary = regions.get('primary');
  const backup = regions.get('backup');
  if (typeof backup !== 'string' || backup === '' || typeof primary !== 'string') {
    throw new FailoverError(`${file} sets no regions.backup: there is no replica to fail over to`);
  }
  const failedOver = regions.get('failover') === true;
  if (direction === 'failover' && failedOver) {
    throw new FailoverError(`${file} already has regions.failover: true on main: nothing to open`);
  }
  if (direction === 'failback' && !failedOver) {
    throw new FailoverError(`${file} is not failed over on main (no regions.failover: true): nothing to fail back`);
  }
  const edited = splice(file, text, regions, direction);
  const after = parseDocument(edited);
  const checked = Cohort.safeParse(after.toJS());
  if (
    after.errors.length > 0 ||
    after.getIn(['regions', 'failover']) !== (direction === 'failover' ? true : undefined)
  ) {
    throw new FailoverError(`${file}: the edit did not come out as intended; set regions.failover by hand`);
  }
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new FailoverError(
      `${file} would not be valid after the change (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}): fix it on main first`,
    );
  }
  return { text: edited, primary, backup };
}
