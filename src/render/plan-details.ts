/**
 * The plan part of the review comment for one plan (one cohort): Terraform's own summary line, the destructive
 * warnings, the failure and its diagnostics, then collapsed sections for the changes grouped by action, changes made
 * outside Terraform, moved and imported resources, and output values.
 */
import { destructiveChanges } from '../plan/destructive-changes.ts';
import { counts, countsLine, isShownChange } from '../plan/plan-counts.ts';
import { hasChanges, isFailedPlan } from '../plan/plan-status.ts';
import type { PlanAction, PlanSummary, ResourceChangeView } from '../plan/plan-types.ts';
import { countOf } from '../text/count.ts';
import { type ChangeRenderOptions, renderChangeItem, renderOutputItem } from './change-item.ts';
import {
  type CommentSection,
  type DetailsItem,
  type DetailsSection,
  renderSections,
  type TextSection,
} from './comment-section.ts';
import { renderDestructiveWarnings } from './destructive-warnings.ts';
import { renderCheckFailures, renderDiagnostics, renderPlanFailure } from './diagnostics.ts';
import { inlineCode } from './markdown-escape.ts';

export interface PlanRenderOptions extends ChangeRenderOptions {
  /** Heading level of the plan's title (default 3); 0 leaves the title out (the caller writes its own). */
  readonly headingLevel?: number;
}

/** What Terraform itself prints last: its `Plan: …` line, or its no-changes / failure sentence. */
export function planStatusLine(plan: PlanSummary): string {
  if (hasChanges(plan)) return countsLine(counts(plan));
  if (isFailedPlan(plan)) return 'Planning failed. Terraform encountered an error while generating this plan.';
  return 'No changes. Your infrastructure matches the configuration.';
}

/** The status line as inline code, as the review comment shows it. */
export function renderCountsLine(plan: PlanSummary): string {
  return inlineCode(planStatusLine(plan));
}

const GROUPS: readonly { readonly action: PlanAction; readonly title: string }[] = [
  { action: 'delete', title: 'Destroy' },
  { action: 'replace', title: 'Replace' },
  { action: 'forget', title: 'Remove from Terraform (kept in AWS)' },
  { action: 'update', title: 'Update in place' },
  { action: 'create', title: 'Create' },
  { action: 'read', title: 'Read (data sources)' },
];

function subheading(level: number, text: string): string {
  return level > 0 ? `${'#'.repeat(Math.min(6, level + 1))} ${text}` : `**${text}**`;
}

/** Changes grouped by action, destructive groups first; moved-only and import-only no-ops live in their own section. */
export function changesSection(plan: PlanSummary, options: PlanRenderOptions = {}): DetailsSection | undefined {
  const shown = plan.changes.filter((change) => isShownChange(change) && change.action !== 'no-op');
  if (shown.length === 0) return undefined;
  const items: DetailsItem[] = [];
  for (const group of GROUPS) {
    const members = shown.filter((change) => change.action === group.action);
    if (members.length === 0) continue;
    items.push({
      markdown: subheading(options.headingLevel ?? 3, `${group.title} (${members.length})`),
      counted: false,
    });
    for (const change of members) items.push({ markdown: renderChangeItem(change, 'change', options), counted: true });
  }
  return { kind: 'details', summary: `Changes (${shown.length})`, items, noun: 'changes' };
}

export function driftSection(plan: PlanSummary, options: PlanRenderOptions = {}): DetailsSection | undefined {
  const drifted = plan.drift.filter((change) => change.action !== 'no-op');
  if (drifted.length === 0) return undefined;
  return {
    kind: 'details',
    summary: `Changed outside Terraform (${drifted.length})`,
    intro:
      'Terraform found these objects changed since the last apply. Unless the configuration was changed to match,' +
      ' the plan above may undo these changes.',
    items: drifted.map((change) => ({ markdown: renderChangeItem(change, 'drift', options), counted: true })),
    noun: 'resources',
  };
}

const PAST: Readonly<Record<PlanAction, string>> = {
  create: 'created',
  update: 'updated',
  delete: 'destroyed',
  replace: 'replaced',
  read: 'read',
  forget: 'forgotten',
  'no-op': '',
};

function movedImportedLine(change: ResourceChangeView): string {
  const parts: string[] = [];
  if (change.moved && change.previousAddress) {
    parts.push(`moved ${inlineCode(change.previousAddress)} → ${inlineCode(change.address)}`);
  }
  if (change.importing) {
    const what = parts.length > 0 ? 'imported' : `imported ${inlineCode(change.address)}`;
    parts.push(change.importing.id ? `${what} from id ${inlineCode(change.importing.id)}` : what);
  }
  const also = change.action === 'no-op' ? '' : ` · also ${PAST[change.action]} (see Changes)`;
  return `- ${parts.join(', ')}${also}`;
}

export function movedImportedSection(plan: PlanSummary): DetailsSection | undefined {
  const entries = plan.changes.filter((change) => isShownChange(change) && (change.moved || change.importing));
  if (entries.length === 0) return undefined;
  return {
    kind: 'details',
    summary: `Moved and imported (${entries.length})`,
    items: entries.map((change) => ({ markdown: movedImportedLine(change), counted: true })),
    noun: 'resources',
  };
}

export function outputsSection(plan: PlanSummary, options: PlanRenderOptions = {}): DetailsSection | undefined {
  const changed = plan.outputChanges.filter((output) => output.action !== 'no-op');
  if (changed.length === 0) return undefined;
  return {
    kind: 'details',
    summary: `Output values (${changed.length})`,
    items: changed.map((output) => ({ markdown: renderOutputItem(output, options), counted: true })),
    noun: 'outputs',
  };
}

/** The always-visible part: title, failure, status line, destructive warnings, drift and check notes. */
export function planHeadSection(label: string, plan: PlanSummary, options: PlanRenderOptions = {}): TextSection {
  const level = options.headingLevel ?? 3;
  const blocks: string[] = [];
  if (level > 0) blocks.push(`${'#'.repeat(Math.min(6, level))} ${inlineCode(label)}`);
  const failure = renderPlanFailure(plan);
  if (failure) blocks.push(failure);
  else if (plan.diagnostics && plan.diagnostics.length > 0) blocks.push(renderDiagnostics(plan.diagnostics));
  if (!failure || hasChanges(plan)) blocks.push(renderCountsLine(plan));
  const warnings = renderDestructiveWarnings(destructiveChanges(plan).map((item) => ({ item })));
  if (warnings) blocks.push(warnings);
  const notes: string[] = [];
  const drifted = plan.drift.filter((change) => change.action !== 'no-op').length;
  if (drifted > 0) {
    notes.push(`ℹ️ ${countOf(drifted, 'resource')} changed outside Terraform since the last apply (see below).`);
  }
  if (plan.complete === false && !isFailedPlan(plan)) {
    notes.push('ℹ️ This plan is incomplete: Terraform deferred some changes to a later plan and apply.');
  }
  if (notes.length > 0) blocks.push(notes.join('  \n'));
  const checks = renderCheckFailures(plan.checkFailures);
  if (checks) blocks.push(checks);
  return { kind: 'text', markdown: blocks.join('\n\n') };
}

/** The plan part as sections, so a caller can compose and split a long comment. */
export function planSections(label: string, plan: PlanSummary, options: PlanRenderOptions = {}): CommentSection[] {
  const sections: (CommentSection | undefined)[] = [
    planHeadSection(label, plan, options),
    changesSection(plan, options),
    driftSection(plan, options),
    movedImportedSection(plan),
    outputsSection(plan, options),
  ];
  return sections.filter((section): section is CommentSection => section !== undefined);
}

/** The plan part of the review comment for one plan, as Markdown. */
export function renderPlanDetails(label: string, plan: PlanSummary, options: PlanRenderOptions = {}): string {
  return renderSections(planSections(label, plan, options));
}
