/** The one-word outcome of a plan, as the review comment's header table shows it. */
import { isShownChange } from './plan-counts.ts';
import type { PlanSummary } from './plan-types.ts';

export type PlanResult = 'planned' | 'no changes' | 'failed';

/** Terraform stopped with an error (`errored`), or the input carried an error diagnostic. */
export function isFailedPlan(plan: PlanSummary): boolean {
  return plan.errored || (plan.diagnostics ?? []).some((diagnostic) => diagnostic.severity === 'error');
}

/** Resource changes worth showing (Terraform's rules) or output values that change. */
export function hasChanges(plan: PlanSummary): boolean {
  return plan.changes.some(isShownChange) || plan.outputChanges.some((output) => output.action !== 'no-op');
}

export function planResult(plan: PlanSummary): PlanResult {
  if (isFailedPlan(plan)) return 'failed';
  return hasChanges(plan) ? 'planned' : 'no changes';
}
