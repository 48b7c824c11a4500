/**
 * The warning block reviewers read first: every destroy and replacement by address, with why, and the ones that
 * lose data called out. Exported piece by piece so the multi-cohort comment can list all cohorts in one block.
 */
import { DATA_LOSS_IMPACT } from '../plan/data-loss.ts';
import type { DestructiveChange } from '../plan/destructive-changes.ts';
import { reasonText } from './change-reason.ts';
import { inlineCode } from './markdown-escape.ts';

export interface LabelledDestructiveChange {
  /** The cohort (or other plan) the change belongs to; shown first when several plans share one block. */
  readonly label?: string | undefined;
  readonly item: DestructiveChange;
}

function reasons(item: DestructiveChange): string[] {
  const { change } = item;
  const why: string[] = [];
  if (item.forcingPaths.length > 0) {
    const paths = item.forcingPaths.map((path) => inlineCode(path || '(value)')).join(', ');
    why.push(`${paths} changed, ${item.forcingPaths.length === 1 ? 'forces' : 'force'} replacement`);
  }
  const reason = reasonText(change);
  if (reason) why.push(reason);
  if (change.deposed) why.push(`deposed object ${inlineCode(change.deposed)} left by an interrupted replacement`);
  if (change.replaceOrder === 'create-before-destroy') why.push('new object created first');
  return why;
}

const VERB: Readonly<Record<DestructiveChange['kind'], string>> = {
  replace: 'will be **replaced**',
  destroy: 'will be **destroyed**',
  forget: 'will be **removed from Terraform** (kept in AWS, no longer managed)',
};

/** One list line (without the leading `- `). */
export function destructiveWarningLine(entry: LabelledDestructiveChange): string {
  const { item } = entry;
  const prefix = entry.label === undefined ? '' : `${inlineCode(entry.label)} · `;
  const why = reasons(item);
  const loss = item.dataLoss ? ` — ⚠️ **DATA LOSS**: ${DATA_LOSS_IMPACT[item.dataLoss]}` : '';
  return `${prefix}${inlineCode(item.change.address)} ${VERB[item.kind]}${why.length > 0 ? ` (${why.join('; ')})` : ''}${loss}`;
}

/**
 * A GitHub alert (`CAUTION` when data is lost, else `WARNING`) listing every entry; `extraLines` (e.g. budget
 * warnings) are added below the list. Empty string when there is nothing to warn about.
 */
export function renderDestructiveWarnings(
  entries: readonly LabelledDestructiveChange[],
  extraLines: readonly string[] = [],
): string {
  if (entries.length === 0 && extraLines.length === 0) return '';
  const losses = entries.filter((entry) => entry.item.dataLoss).length;
  const lines = [`> [!${losses > 0 ? 'CAUTION' : 'WARNING'}]`];
  if (entries.length > 0) {
    const count = `${entries.length} destructive ${entries.length === 1 ? 'change' : 'changes'}`;
    lines.push(`> **${count}${losses > 0 ? `, ${losses} with data loss` : ''}**`);
    for (const entry of entries) lines.push(`> - ${destructiveWarningLine(entry)}`);
  }
  if (extraLines.length > 0) {
    if (entries.length > 0) lines.push('>');
    for (const line of extraLines) lines.push(`> ${line}`);
  }
  return lines.join('\n');
}
