/**
 * Every change that destroys (or stops managing) an object, with why, for the warning block reviewers read first.
 * Data-loss changes come first, then replacements, destroys and forgets, each group in plan order.
 */
import { type DataLossKind, dataLossKind } from './data-loss.ts';
import { isShownChange } from './plan-counts.ts';
import type { PlanSummary, ResourceChangeView } from './plan-types.ts';

export type DestructiveKind = 'replace' | 'destroy' | 'forget';

export interface DestructiveChange {
  readonly change: ResourceChangeView;
  readonly kind: DestructiveKind;
  /** Changed attributes that force the replacement (display paths). */
  readonly forcingPaths: readonly string[];
  readonly dataLoss: DataLossKind | undefined;
}

function kindOf(change: ResourceChangeView): DestructiveKind | undefined {
  if (change.mode !== 'managed') return undefined;
  if (change.action === 'delete') return 'destroy';
  if (change.action === 'forget') return 'forget';
  if (change.action !== 'replace') return undefined;
  return change.replaceOrder === 'create-then-forget' ? 'forget' : 'replace';
}

function forcingPaths(change: ResourceChangeView): string[] {
  const paths = new Set<string>();
  for (const attribute of change.attributes) {
    if (attribute.forcesReplacement && attribute.changed) paths.add(attribute.path);
  }
  return paths.size > 0 ? [...paths] : [...change.replacePaths];
}

const ORDER: Readonly<Record<DestructiveKind, number>> = { replace: 1, destroy: 2, forget: 3 };

function rank(item: DestructiveChange): number {
  return item.dataLoss ? 0 : ORDER[item.kind];
}

export function destructiveChanges(plan: PlanSummary): DestructiveChange[] {
  const items: DestructiveChange[] = [];
  for (const change of plan.changes) {
    const kind = isShownChange(change) ? kindOf(change) : undefined;
    if (!kind) continue;
    // A forgotten object still exists in AWS: no data is lost.
    const dataLoss = kind === 'forget' ? undefined : dataLossKind(change.type);
    items.push({ change, kind, forcingPaths: kind === 'replace' ? forcingPaths(change) : [], dataLoss });
  }
  // Array.prototype.sort is stable, so plan order is kept within each group.
  return items.sort((a, b) => rank(a) - rank(b));
}
