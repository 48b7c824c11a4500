/**
 * What the apply workflow says on the merged pull request once a cohort's apply is over: one sticky comment per
 * cohort (key `apply-<id>`), updated by re-runs, never a new one.
 */
import { assertCohortId } from './changed-targets.ts';

/** A step's `outcome` as GitHub reports it; empty when the step never existed in the run. */
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped' | '';

const OUTCOMES: readonly string[] = ['success', 'failure', 'cancelled', 'skipped', ''];

export function parseStepOutcome(value: string, input: string): StepOutcome {
  if (!OUTCOMES.includes(value)) {
    throw new Error(`${input} must be success, failure, cancelled or skipped (a step's outcome); got "${value}"`);
  }
  return value as StepOutcome;
}

export type ApplyResult = 'applied' | 'refused' | 'failed' | 'cancelled' | 'not-run';

export interface ApplyOutcome {
  readonly result: ApplyResult;
  readonly icon: string;
  readonly text: string;
}

/** Turns the outcomes of the gate and apply steps into one result for people. */
export function applyOutcome(action: 'plan' | 'destroy', apply: StepOutcome, gate: StepOutcome): ApplyOutcome {
  if (apply === 'success') {
    return { result: 'applied', icon: '✅', text: action === 'destroy' ? 'destroyed' : 'applied' };
  }
  if (apply === 'cancelled' || gate === 'cancelled') {
    return { result: 'cancelled', icon: '⚠️', text: 'cancelled before it finished: re-run the apply workflow' };
  }
  if (gate === 'failure') {
    return {
      result: 'refused',
      icon: '⛔',
      text: 'not applied: the plan differs from the one reviewed (or no reviewed plan was found); see the run',
    };
  }
  if (apply === 'failure') {
    return {
      result: 'failed',
      icon: '❌',
      text: 'terraform apply failed: part of the plan may be applied; see the run log, fix, and re-run',
    };
  }
  return { result: 'not-run', icon: '⚠️', text: 'not applied: an earlier step failed (synthesis or plan); see the run' };
}

export interface ApplyReport {
  readonly cohort: string;
  readonly action: 'plan' | 'destroy';
  readonly outcome: ApplyOutcome;
  readonly sha: string;
  readonly runUrl: string;
}

export function applyCommentKey(cohort: string): string {
  return `apply-${cohort}`;
}

export function runUrl(serverUrl: string, repository: string, runId: string, attempt?: string): string {
  const base = `${serverUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`;
  return attempt !== undefined && attempt !== '' && attempt !== '1' ? `${base}/attempts/${attempt}` : base;
}

export function applyReportBody(report: ApplyReport): string {
  // A valid id is plain kebab-case, safe in a code span as it is.
  assertCohortId(report.cohort, 'cohort');
  const verb = report.action === 'destroy' ? 'Destroy' : 'Apply';
  return [
    `### ${report.outcome.icon} ${verb} of \`${report.cohort}\`: ${report.outcome.text}`,
    '',
    `Commit \`${report.sha.slice(0, 12)}\` · [workflow run](${report.runUrl})`,
  ].join('\n');
}
