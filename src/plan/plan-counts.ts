/**
 * Counts as Terraform's own `Plan: A to add, C to change, D to destroy.` line counts them (see
 * internal/command/jsonformat/plan.go): a replace adds one to add and one to destroy; reads and no-ops are not
 * counted; deleted data sources are not shown at all; imports and forgets get their own numbers. `replace` and
 * `move` are our own columns.
 */
import type { PlanSummary, ResourceChangeView } from './plan-types.ts';

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Replacements (also counted in add and destroy, as Terraform does). */
  readonly replace: number;
  readonly import: number;
  /** Resources whose address changed (`moved` blocks), whatever else happens to them. */
  readonly move: number;
  /** Removed from state without being destroyed. */
  readonly forget: number;
}

/** Whether Terraform lists this change at all: a no-op only when it moves or imports. */
export function isShownChange(change: ResourceChangeView): boolean {
  if (change.action === 'no-op') return change.moved || change.importing !== undefined;
  return !(change.action === 'delete' && change.mode !== 'managed');
}

export function counts(plan: PlanSummary): PlanCounts {
  const total = { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0 };
  for (const change of plan.changes) {
    if (!isShownChange(change)) continue;
    if (change.importing) total.import++;
    if (change.moved) total.move++;
    switch (change.action) {
      case 'create':
        total.add++;
        break;
      case 'update':
        total.change++;
        break;
      case 'delete':
        total.destroy++;
        break;
      case 'forget':
        total.forget++;
        break;
      case 'replace':
        total.add++;
        if (change.replaceOrder === 'create-then-forget') {
          total.forget++;
        } else {
          total.destroy++;
          total.replace++;
        }
        break;
      default:
        break;
    }
  }
  return total;
}

/** Terraform's summary line: `Plan: 1 to import, 2 to add, 0 to change, 1 to destroy, 1 to forget.` */
export function countsLine(total: PlanCounts): string {
  const importing = total.import > 0 ? `${total.import} to import, ` : '';
  const forgetting = total.forget > 0 ? `, ${total.forget} to forget` : '';
  return `Plan: ${importing}${total.add} to add, ${total.change} to change, ${total.destroy} to destroy${forgetting}.`;
}
