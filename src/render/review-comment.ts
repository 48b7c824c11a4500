/**
 * The whole pull-request review comment: a summary every reviewer reads (one row per cohort, every destructive change,
 * budget and guardrail blockers), then per cohort its plan, architecture, guardrail findings and cost, collapsed.
 * The summary always lands in the first comment; the rest may be cut or continued by the splitter.
 */

import type { Problem } from '../cohort/problem.ts';
import type { ResolvedCohort } from '../cohort/schema.ts';
import type { CostEstimate } from '../cost/estimate.ts';
import { formatUsd } from '../cost/format.ts';
import { renderCostTable } from '../cost/render-cost-table.ts';
import { planDigestMarker } from '../github/plan-digest-marker.ts';
import { formatFinding, type GuardrailReport } from '../guardrails/run.ts';
import { destructiveChanges } from '../plan/destructive-changes.ts';
import { counts, type PlanCounts } from '../plan/plan-counts.ts';
import { planDigest } from '../plan/plan-digest.ts';
import { hasChanges, isFailedPlan } from '../plan/plan-status.ts';
import type { PlanSummary } from '../plan/plan-types.ts';
import { countOf, formatCount } from '../text/count.ts';
import { architectureDiagramBlock } from './architecture-diagram.ts';
import type { CommentSection, DetailsSection, TextSection } from './comment-section.ts';
import { renderSections } from './comment-section.ts';
import { type LabelledDestructiveChange, renderDestructiveWarnings } from './destructive-warnings.ts';
import { renderPlanFailure } from './diagnostics.ts';
import { codeBlock, escapeHtml, escapeMarkdown, inlineCode } from './markdown-escape.ts';
import {
  changesSection,
  driftSection,
  movedImportedSection,
  outputsSection,
  renderCountsLine,
} from './plan-details.ts';
import { splitComment } from './split-comment.ts';
import { validationBlock } from './validation-problems.ts';

export type CohortResult = 'planned' | 'no changes' | 'failed' | 'skipped';

export interface CohortReview {
  readonly id: string;
  /** `destroy` when the pull request removes the cohort file. */
  readonly action: 'plan' | 'destroy';
  readonly cohort?: ResolvedCohort | undefined;
  readonly guardrails?: GuardrailReport | undefined;
  readonly cost?: CostEstimate | undefined;
  /** The `terraform show -json` plan, when Terraform planned this cohort. */
  readonly plan?: PlanSummary | undefined;
  /** Why the plan file could not be read (it is then a failed result). */
  readonly planError?: string | undefined;
  /** Why Terraform did not plan (fork pull request, offline run). */
  readonly skippedReason?: string | undefined;
  /** Resources in the synthesized stack, by type, shown when there is no plan. */
  readonly synthesized?: Readonly<Record<string, number>> | undefined;
}

export interface ReviewInput {
  readonly cohorts: readonly CohortReview[];
  /** Commit the plan is for, shown in the footer. */
  readonly commit?: string | undefined;
  /** Where the full rendering is, for the footer (e.g. "the job summary and the review artifact"). */
  readonly fullRenderingAt?: string | undefined;
  /** Validation problems of the files under review; a cohort with an error has no review row. */
  readonly problems?: readonly Problem[] | undefined;
}

export interface CohortOutcome {
  readonly id: string;
  readonly action: 'plan' | 'destroy';
  readonly result: CohortResult;
  readonly counts?: PlanCounts | undefined;
  readonly digest?: string | undefined;
  readonly guardrailErrors: number;
  readonly monthlyCost?: number | undefined;
  readonly overBudget: boolean;
}

export interface Review {
  /** Everything, unsplit: for the job summary and the artifact. */
  readonly markdown: string;
  /** Comment bodies, each under GitHub's limit once the sticky marker is added; the summary is in the first. */
  readonly parts: readonly string[];
  readonly outcomes: readonly CohortOutcome[];
  /** True when a cohort failed to plan or a guardrail error blocks the change. */
  readonly failed: boolean;
}

function resultOf(review: CohortReview): CohortResult {
  if (review.planError !== undefined) return 'failed';
  if (review.plan === undefined) return 'skipped';
  if (isFailedPlan(review.plan)) return 'failed';
  return hasChanges(review.plan) ? 'planned' : 'no changes';
}

function outcomeOf(review: CohortReview): CohortOutcome {
  const result = resultOf(review);
  const plan = result === 'planned' || result === 'no changes' ? review.plan : undefined;
  return {
    id: review.id,
    action: review.action,
    result,
    counts: review.plan ? counts(review.plan) : undefined,
    digest: plan ? planDigest(plan) : undefined,
    guardrailErrors: review.guardrails?.findings.filter((f) => f.severity === 'error').length ?? 0,
    monthlyCost: review.action === 'plan' ? review.cost?.monthlyTotal : undefined,
    overBudget: review.action === 'plan' && review.cost?.overBudget === true,
  };
}

const RESULT_ICON: Readonly<Record<CohortResult, string>> = {
  planned: '📝 planned',
  'no changes': '✅ no changes',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
};

function countCell(outcome: CohortOutcome, key: keyof PlanCounts): string {
  return outcome.counts ? formatCount(outcome.counts[key]) : '—';
}

function guardrailCell(review: CohortReview, outcome: CohortOutcome): string {
  if (!review.guardrails) return '—';
  const warnings = review.guardrails.findings.length - outcome.guardrailErrors;
  if (outcome.guardrailErrors > 0) return `❌ ${countOf(outcome.guardrailErrors, 'error')}`;
  const passed = `✅ ${review.guardrails.passed.length} passed`;
  return warnings > 0 ? `${passed}, ⚠️ ${countOf(warnings, 'warning')}` : passed;
}

function costCell(review: CohortReview, outcome: CohortOutcome): [string, string] {
  if (review.action === 'destroy') return ['—', '—'];
  const limit = review.cost?.budgetUsd ?? review.cohort?.budget.limitUsd;
  const budget = limit === undefined ? '—' : formatUsd(limit);
  if (outcome.monthlyCost === undefined) return ['—', budget];
  return [formatUsd(outcome.monthlyCost), outcome.overBudget ? `${budget} ⚠️` : budget];
}

function headerTable(reviews: readonly CohortReview[], outcomes: readonly CohortOutcome[]): string {
  const rows = reviews.map((review, i) => {
    const outcome = outcomes[i] as CohortOutcome;
    const result =
      review.action === 'destroy' ? `${RESULT_ICON[outcome.result]} (destroy)` : RESULT_ICON[outcome.result];
    const [cost, budget] = costCell(review, outcome);
    const cells = [
      inlineCode(review.id, { table: true }),
      result,
      countCell(outcome, 'add'),
      countCell(outcome, 'change'),
      countCell(outcome, 'destroy'),
      countCell(outcome, 'replace'),
      cost,
      budget,
      guardrailCell(review, outcome),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| cohort | result | add | change | destroy | replace | est. monthly cost | budget | guardrails |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

function title(outcomes: readonly CohortOutcome[], destructive: number, problems: readonly Problem[]): string {
  const parts = [`Workshop plan · ${countOf(outcomes.length, 'cohort')}`];
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) parts.push(`❌ ${countOf(errors, 'validation error')}`);
  const by = (result: CohortResult) => outcomes.filter((o) => o.result === result).length;
  const destroyed = outcomes.filter((o) => o.action === 'destroy').length;
  if (by('planned') > 0) parts.push(`${by('planned')} with changes`);
  if (destroyed > 0) parts.push(`${destroyed} removed`);
  if (by('failed') > 0) parts.push(`❌ ${by('failed')} failed`);
  if (by('skipped') > 0) parts.push(`${by('skipped')} not planned`);
  if (destructive > 0) parts.push(`⚠️ ${countOf(destructive, 'destructive change')}`);
  return `## ${parts.join(' · ')}`;
}

function blockerLines(reviews: readonly CohortReview[], outcomes: readonly CohortOutcome[]): string[] {
  const lines: string[] = [];
  reviews.forEach((review, i) => {
    const outcome = outcomes[i] as CohortOutcome;
    const id = inlineCode(review.id);
    if (outcome.guardrailErrors > 0) {
      lines.push(`${id} · ❌ ${countOf(outcome.guardrailErrors, 'guardrail error')} must be fixed before merging.`);
    }
    if (outcome.result === 'failed') lines.push(`${id} · ❌ the Terraform plan failed (see below).`);
    if (outcome.overBudget && review.cost) {
      lines.push(
        `${id} · estimated ${formatUsd(review.cost.monthlyTotal)}/month is above its budget of ${formatUsd(review.cost.budgetUsd)}.`,
      );
    }
  });
  return lines;
}

function dateRange(cohort: ResolvedCohort): string {
  const day = (value: string) =>
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: value.length === 10 ? 'UTC' : cohort.schedule.timezone,
    }).format(new Date(value.length === 10 ? `${value}T00:00:00Z` : value));
  const start = day(cohort.schedule.start);
  const end = day(cohort.schedule.end);
  if (start === end) return start;
  const [startDay, ...startRest] = start.split(' ');
  // "7 Dec 2026 – 9 Dec 2026" reads better as "7–9 Dec 2026" when month and year agree.
  return startRest.join(' ') === end.split(' ').slice(1).join(' ') ? `${startDay}–${end}` : `${start} – ${end}`;
}

function cohortHeading(review: CohortReview): string {
  const cohort = review.cohort;
  const facts: string[] = [];
  if (cohort) {
    facts.push(escapeMarkdown(cohort.title), dateRange(cohort), countOf(cohort.students.length, 'student'));
    facts.push(cohort.regions.backup ? `${cohort.regions.primary} → ${cohort.regions.backup}` : cohort.regions.primary);
  }
  if (review.action === 'destroy') facts.push('**cohort file removed: its resources are destroyed**');
  return `### ${inlineCode(review.id)}${facts.length > 0 ? ` — ${facts.join(' · ')}` : ''}`;
}

function statusBlock(review: CohortReview): string {
  if (review.planError !== undefined) {
    return `❌ The plan file could not be read: ${escapeMarkdown(review.planError)}`;
  }
  if (review.plan === undefined) {
    return `⏭️ Terraform plan skipped: ${escapeMarkdown(review.skippedReason ?? 'no plan was provided')}`;
  }
  const failure = renderPlanFailure(review.plan);
  return failure && !hasChanges(review.plan)
    ? failure
    : [failure, renderCountsLine(review.plan)].filter(Boolean).join('\n\n');
}

function synthesizedSection(synthesized: Readonly<Record<string, number>>): DetailsSection {
  const entries = Object.entries(synthesized).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const rows = entries.map(([type, n]) => `| ${inlineCode(type, { table: true })} | ${n} |`);
  return {
    kind: 'details',
    summary: `Resources in the synthesized stack (${formatCount(total)})`,
    // One block: a table cannot be cut between rows without breaking it.
    intro: ['| type | count |', '|---|---:|', ...rows].join('\n'),
    items: [],
    noun: 'resource types',
  };
}

function guardrailSection(report: GuardrailReport): DetailsSection | undefined {
  if (report.findings.length === 0) return undefined;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  return {
    kind: 'details',
    summary: `Guardrail findings (${errors} errors, ${report.findings.length - errors} warnings)`,
    items: report.findings.map((f) => ({
      markdown: `- ${f.severity === 'error' ? '❌' : '⚠️'} ${codeBlock(formatFinding(report.stack, f)).trim()}`,
      counted: true,
    })),
    noun: 'findings',
  };
}

function costSection(cost: CostEstimate): DetailsSection {
  return {
    kind: 'details',
    summary: `Estimated monthly cost: ${escapeHtml(formatUsd(cost.monthlyTotal))}${cost.overBudget ? ' ⚠️ over budget' : ''}`,
    intro: renderCostTable(cost).trimEnd(),
    items: [],
    noun: 'lines',
  };
}

function cohortSections(review: CohortReview): CommentSection[] {
  const text = (markdown: string): TextSection => ({ kind: 'text', markdown });
  const sections: (CommentSection | undefined)[] = [text(`${cohortHeading(review)}\n\n${statusBlock(review)}`)];
  if (review.plan) {
    sections.push(
      changesSection(review.plan),
      driftSection(review.plan),
      movedImportedSection(review.plan),
      outputsSection(review.plan),
    );
  } else if (review.synthesized && review.action === 'plan') {
    sections.push(synthesizedSection(review.synthesized));
  }
  if (review.cohort && review.action === 'plan') {
    sections.push({
      kind: 'details',
      summary: 'Architecture',
      intro: architectureDiagramBlock(review.cohort).trimEnd(),
      items: [],
      noun: 'parts',
    });
  }
  if (review.guardrails) sections.push(guardrailSection(review.guardrails));
  if (review.cost && review.action === 'plan') sections.push(costSection(review.cost));
  return sections.filter((s): s is CommentSection => s !== undefined);
}

function footer(input: ReviewInput, outcomes: readonly CohortOutcome[]): string {
  const bits: string[] = [];
  if (input.commit) bits.push(`Plan for commit ${inlineCode(input.commit.slice(0, 12))}`);
  const digests = outcomes.filter((o) => o.digest);
  if (digests.length > 0) bits.push(`${countOf(digests.length, 'plan digest')} recorded for the apply check`);
  bits.push(`full rendering in ${input.fullRenderingAt ?? 'the job summary'}`);
  return `<sub>${bits.join(' · ')}</sub>`;
}

/** The digest markers open the comment: the apply gate reads only that leading block. */
function digestMarkers(outcomes: readonly CohortOutcome[]): string {
  return outcomes
    .filter((o) => o.digest !== undefined)
    .map((o) => planDigestMarker(o.id, o.digest as string))
    .join('\n');
}

export interface RenderReviewOptions {
  /** Characters the comment poster adds to each part (its marker line). */
  readonly reserve?: number;
  readonly limit?: number;
}

export function renderReview(input: ReviewInput, options: RenderReviewOptions = {}): Review {
  const outcomes = input.cohorts.map(outcomeOf);
  const destructive: LabelledDestructiveChange[] = input.cohorts.flatMap((review) =>
    review.plan ? destructiveChanges(review.plan).map((item) => ({ label: review.id, item })) : [],
  );
  const warnings = renderDestructiveWarnings(destructive, blockerLines(input.cohorts, outcomes));
  const summary: TextSection = {
    kind: 'summary',
    markdown: [
      digestMarkers(outcomes),
      title(outcomes, destructive.length, input.problems ?? []),
      validationBlock(input.problems ?? []),
      outcomes.length > 0 ? headerTable(input.cohorts, outcomes) : '',
      warnings,
      footer(input, outcomes),
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
  const sections: CommentSection[] = [summary, ...input.cohorts.flatMap(cohortSections)];
  const parts = splitComment(sections, {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    reserve: options.reserve ?? 0,
  });
  return {
    markdown: `${renderSections(sections)}\n`,
    parts,
    outcomes,
    failed:
      outcomes.some((o) => o.result === 'failed' || o.guardrailErrors > 0) ||
      (input.problems ?? []).some((p) => p.severity === 'error'),
  };
}
