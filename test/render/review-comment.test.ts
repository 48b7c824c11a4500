import { describe, expect, it } from 'vitest';
import { estimateCohortCost } from '../../src/cost/estimate.ts';
import { recordedDigests } from '../../src/github/plan-digest-marker.ts';
import type { GuardrailReport } from '../../src/guardrails/run.ts';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { syntheticPlan } from '../../src/plan/synthetic-plan.ts';
import { renderReview } from '../../src/render/review-comment.ts';
import { GITHUB_COMMENT_LIMIT } from '../../src/render/split-comment.ts';
import { loadExample, loadPrices } from '../cost/example-cohorts.ts';
import { loadFixture, SECRET } from '../plan/plan-fixtures.ts';

const prices = loadPrices();
const seoul = loadExample('seoul-data-eng-2026-12');
const busan = loadExample('busan-intro-2026-12');
const cost = (example: typeof seoul, limitUsd?: number) => {
  const cohort =
    limitUsd === undefined ? example.cohort : { ...example.cohort, budget: { ...example.cohort.budget, limitUsd } };
  return estimateCohortCost({ cohort, datasetBytes: example.datasetBytes, prices });
};
const cleanGuardrails = (stack: string): GuardrailReport => ({ stack, findings: [], passed: ['s3-versioning'] });

describe('renderReview', () => {
  it('puts one row per cohort in the summary, with Terraform counts, cost against budget and guardrails', () => {
    const review = renderReview({
      cohorts: [
        {
          id: seoul.cohort.id,
          action: 'plan',
          cohort: seoul.cohort,
          plan: loadFixture('basic-create.json'),
          cost: cost(seoul),
          guardrails: cleanGuardrails(seoul.cohort.id),
        },
        { id: busan.cohort.id, action: 'plan', cohort: busan.cohort, skippedReason: 'offline run', cost: cost(busan) },
      ],
      commit: '0123456789abcdef',
    });
    const first = review.parts[0] ?? '';
    // The digest markers open the comment; the title follows them.
    expect(first).toMatch(
      /^<!-- workshop-plan-digest:seoul-data-eng-2026-12=[0-9a-f]{64} -->\n\n## Workshop plan · 2 cohorts/,
    );
    const seoulRow = first.split('\n').find((line) => line.startsWith('| `seoul-data-eng-2026-12`'));
    expect(seoulRow).toMatch(/\| 📝 planned \| 3 \| 0 \| 0 \| 0 \| \$[\d.,]+ \| \$300\.00 \| ✅ 1 passed \|/);
    const busanRow = first.split('\n').find((line) => line.startsWith('| `busan-intro-2026-12`'));
    expect(busanRow).toMatch(/⏭️ skipped \| — \| — \| — \| — \|/);
    expect(review.markdown).toContain('Terraform plan skipped: offline run');
    expect(review.outcomes.map((o) => o.result)).toEqual(['planned', 'skipped']);
    expect(review.markdown).toContain('· 7–9 Dec 2026 · 30 students · ap-northeast-2 → ap-southeast-1');
    expect(review.failed).toBe(false);
  });

  it('lists every destructive change first, labelled by cohort, with data loss called out', () => {
    const review = renderReview({
      cohorts: [{ id: 'demo-cohort', action: 'plan', plan: loadFixture('requires-replace.json') }],
    });
    const first = review.parts[0] ?? '';
    const warning = first.indexOf('> [!');
    expect(warning).toBeGreaterThan(0);
    expect(first.slice(warning)).toMatch(/`demo-cohort` · `[^`]+` will be \*\*replaced\*\*/);
    expect(review.markdown.indexOf('> [!')).toBeLessThan(review.markdown.indexOf('### `demo-cohort`'));
    expect(first.indexOf('> [!')).toBeLessThan(first.indexOf('<sub>'));
  });

  it('records a digest per planned cohort that reads back to the plan digest', () => {
    const plan = loadFixture('basic-update.json');
    const review = renderReview({ cohorts: [{ id: 'demo-cohort', action: 'plan', plan }] });
    expect(recordedDigests(review.parts[0] ?? '', 'demo-cohort')).toEqual([planDigest(plan)]);
  });

  it('fails the review on a failed plan or a guardrail error, and says why in the summary', () => {
    const review = renderReview({
      cohorts: [
        { id: 'broken-plan', action: 'plan', plan: loadFixture('plan-error.json') },
        {
          id: 'broken-guard',
          action: 'plan',
          plan: loadFixture('basic-create.json'),
          guardrails: {
            stack: 'broken-guard',
            passed: [],
            findings: [
              { ruleId: 's3-versioning', severity: 'error', address: 'aws_s3_bucket.raw', message: 'no versioning' },
            ],
          },
        },
      ],
    });
    expect(review.failed).toBe(true);
    expect(review.outcomes.map((o) => o.result)).toEqual(['failed', 'planned']);
    expect(review.parts[0]).toContain('`broken-plan` · ❌ the Terraform plan failed');
    expect(review.parts[0]).toContain('`broken-guard` · ❌ 1 guardrail error must be fixed before merging.');
    expect(review.markdown).toContain('broken-guard aws_s3_bucket.raw s3-versioning: no versioning');
    expect(recordedDigests(review.parts[0] ?? '', 'broken-plan')).toEqual([]);
  });

  it('warns in the summary when the estimate is above the budget', () => {
    const review = renderReview({
      cohorts: [{ id: seoul.cohort.id, action: 'plan', cohort: seoul.cohort, cost: cost(seoul, 1) }],
    });
    expect(review.parts[0]).toMatch(/\$1\.00 ⚠️/);
    expect(review.parts[0]).toMatch(/estimated \$[\d.,]+\/month is above its budget of \$1\.00/);
  });

  it('renders cohort text inert: HTML, mentions and table-breaking pipes', () => {
    const cohort = { ...busan.cohort, title: '<img src=x onerror=alert(1)> @octocat | ${{ secrets.X }}' };
    const review = renderReview({ cohorts: [{ id: cohort.id, action: 'plan', cohort, skippedReason: 'x' }] });
    expect(review.markdown).not.toContain('<img');
    expect(review.markdown).not.toMatch(/(^|[^\w`])@octocat/);
  });

  it('never shows a sensitive value', () => {
    const review = renderReview({
      cohorts: [{ id: 'demo-cohort', action: 'plan', plan: loadFixture('sensitive-values.json') }],
    });
    expect(review.markdown).not.toContain(SECRET);
    for (const part of review.parts) expect(part).not.toContain(SECRET);
  });

  it('keeps every part of a 20,000-change review under the limit, with the summary in the first', () => {
    const plan = parsePlan(syntheticPlan(20_000));
    const reserve = 60;
    const review = renderReview({ cohorts: [{ id: 'huge-cohort', action: 'plan', plan }] }, { reserve });
    expect(review.parts.length).toBeGreaterThan(1);
    for (const part of review.parts) expect(part.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT - reserve);
    expect(review.parts[0]).toContain('| `huge-cohort` | 📝 planned |');
    expect(recordedDigests(review.parts[0] ?? '', 'huge-cohort')).toEqual([planDigest(plan)]);
  });

  it('shows a removed cohort as a destroy without cost', () => {
    const review = renderReview({
      cohorts: [
        { id: busan.cohort.id, action: 'destroy', cohort: busan.cohort, plan: loadFixture('basic-delete.json') },
      ],
    });
    expect(review.parts[0]).toMatch(
      /\| `busan-intro-2026-12` \| 📝 planned \(destroy\) \| 0 \| 1 \| 1 \| 0 \| — \| — \|/,
    );
    expect(review.markdown).toContain('cohort file removed');
  });
});

describe('renderReview digest markers', () => {
  it('cannot be forged by text a failed plan quotes: only the leading markers count', () => {
    const failed = loadFixture('plan-error.json');
    const digest = 'f'.repeat(64);
    const forgedPlan = {
      ...failed,
      diagnostics: [
        {
          severity: 'error' as const,
          summary: 'Error creating bucket',
          detail: `access denied\n<!-- workshop-plan-digest:demo-cohort=${digest} -->`,
        },
      ],
    };
    const review = renderReview({ cohorts: [{ id: 'demo-cohort', action: 'plan', plan: forgedPlan }] });
    expect(review.markdown).toContain(`workshop-plan-digest:demo-cohort=${digest}`);
    expect(recordedDigests(`<!-- workshop-gitops:plan part=1 -->\n${review.parts[0]}`, 'demo-cohort')).toEqual([]);
  });
});
