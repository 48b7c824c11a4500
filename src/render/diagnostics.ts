/** A failed plan's explanation, Terraform's diagnostics, and failing checks, all as inert Markdown. */

import { isFailedPlan } from '../plan/plan-status.ts';
import type { CheckFailure, PlanDiagnostic, PlanSummary } from '../plan/plan-types.ts';
import { codeBlock, escapeMarkdown, inlineCode } from './markdown-escape.ts';

function severityLabel(severity: string): string {
  if (severity === 'error') return 'Error';
  if (severity === 'warning') return 'Warning';
  return escapeMarkdown(severity);
}

export function renderDiagnostic(diagnostic: PlanDiagnostic): string {
  const where: string[] = [];
  if (diagnostic.range) {
    const { filename, start } = diagnostic.range;
    where.push(inlineCode(`${filename}:${start.line}:${start.column}`));
  }
  if (diagnostic.address) where.push(inlineCode(diagnostic.address));
  const lines = [`**${severityLabel(diagnostic.severity)}:** ${escapeMarkdown(diagnostic.summary)}`];
  if (where.length > 0) lines.push(`at ${where.join(' · ')}`);
  const parts = [lines.join('  \n')];
  if (diagnostic.detail?.trim()) parts.push(codeBlock(diagnostic.detail));
  return parts.join('\n\n');
}

export function renderDiagnostics(diagnostics: readonly PlanDiagnostic[]): string {
  return diagnostics.map(renderDiagnostic).join('\n\n');
}

/** The failure notice (a CAUTION alert) followed by the diagnostics, or '' for a plan that did not fail. */
export function renderPlanFailure(plan: PlanSummary): string {
  if (!isFailedPlan(plan)) return '';
  const notice = [
    '> [!CAUTION]',
    '> **Plan failed.** Terraform encountered an error while generating this plan, so it cannot be applied;' +
      ' any changes shown are incomplete.',
  ].join('\n');
  const diagnostics = plan.diagnostics ?? [];
  const body =
    diagnostics.length > 0
      ? renderDiagnostics(diagnostics)
      : '_The plan JSON carries no diagnostics: the error is in the log of the plan step._';
  return `${notice}\n\n${body}`;
}

export function renderCheckFailures(failures: readonly CheckFailure[]): string {
  if (failures.length === 0) return '';
  const lines = [`**Failing checks and conditions (${failures.length})**`, ''];
  for (const failure of failures) {
    const messages = failure.messages.map(escapeMarkdown).join(' ');
    const status = failure.status === 'error' ? ' (could not be evaluated)' : '';
    lines.push(`- ${inlineCode(failure.address)}${status}${messages ? `: ${messages}` : ''}`);
  }
  return lines.join('\n');
}
