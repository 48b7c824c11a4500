/**
 * The drift workflow plans every cohort read-only (`terraform plan -refresh-only`, then `show -json`, redacted) and
 * leaves `<cohort-id>.json` in one folder. This reads a cohort's plan from there and says what changed outside
 * Terraform: the `resource_drift` entries that are not no-ops. (A refresh-only plan proposes no resource changes;
 * what it found is its drift. A normal plan's drift reads the same.)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isFailedPlan } from '../../plan/plan-status.ts';
import type { PlanSummary, ResourceChangeView } from '../../plan/plan-types.ts';
import { PlanFormatError, parsePlanText } from '../../plan/read-plan.ts';

export type CohortPlan =
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'invalid'; readonly file: string; readonly message: string }
  | { readonly kind: 'failed'; readonly file: string; readonly plan: PlanSummary }
  | { readonly kind: 'plan'; readonly file: string; readonly plan: PlanSummary };

export function planFile(dir: string, cohortId: string): string {
  return path.join(dir, `${cohortId}.json`);
}

export async function readCohortPlan(dir: string, cohortId: string): Promise<CohortPlan> {
  const file = planFile(dir, cohortId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing', file };
    throw error;
  }
  try {
    const plan = parsePlanText(text);
    return isFailedPlan(plan) ? { kind: 'failed', file, plan } : { kind: 'plan', file, plan };
  } catch (error) {
    if (error instanceof PlanFormatError) return { kind: 'invalid', file, message: error.message };
    throw error;
  }
}

/** The resources Terraform found changed (or deleted) outside it. */
export function driftedResources(plan: PlanSummary): ResourceChangeView[] {
  return plan.drift.filter((change) => change.action !== 'no-op');
}
