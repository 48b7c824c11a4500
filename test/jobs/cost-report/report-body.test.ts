import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/jobs/common/report.ts';
import { runCostReport } from '../../../src/jobs/cost-report/cost-report.ts';
import { fittedMarkdown, ISSUE_BODY_LIMIT } from '../../../src/jobs/cost-report/report-body.ts';
import { testContext } from '../common/fakes.ts';
import { cohort, fakes, giveBudgets, manyCohorts, NOW, PREFIX, prices, query, workgroup } from './fixtures.ts';

/** A report whose cohorts each have `size` students (60: long per-workgroup tables) with a query each. */
async function bigReport(count: number, size = 60) {
  const f = fakes();
  const students = Array.from({ length: size }, (_, i) => ({
    id: `s${i}`,
    name: `S ${i}`,
    email: `s${i}@example.com`,
  }));
  const cohorts = manyCohorts(count).map((c) => cohort(c.id, { students }));
  giveBudgets(f, cohorts);
  for (const c of cohorts) {
    f.costExplorer.rows.push({
      day: '2026-12-02',
      tagValue: c.id,
      service: 'Amazon Athena',
      amountUsd: 3,
      estimated: false,
    });
    for (const s of students) {
      f.athena.histories.set(workgroup(c.id, s.id), [query({ query: `SELECT * FROM t_${s.id}`, scannedBytes: 1e9 })]);
    }
  }
  return runCostReport(f.apis, { namePrefix: PREFIX, cohorts, ctx: testContext(NOW), prices });
}

describe('fittedMarkdown', () => {
  it('is the full report when it fits', async () => {
    const report = await bigReport(1);
    expect(fittedMarkdown(report, ISSUE_BODY_LIMIT)).toBe(renderMarkdown(report));
  });

  it('shortens the long tables first, keeping queries and charts', async () => {
    const report = await bigReport(3);
    const full = renderMarkdown(report);
    const limit = full.length - 100;
    const fitted = fittedMarkdown(report, limit);
    expect(fitted.length).toBeLessThanOrEqual(limit);
    expect(fitted).toContain('\\(the 10 largest of 60\\)');
    expect(fitted).toContain('```mermaid');
    expect(fitted).toContain('Most expensive Athena queries');
  });

  it('drops detail before the budget of any cohort, and cuts at a cohort as a last resort', async () => {
    const report = await bigReport(100);
    const fitted = fittedMarkdown(report, 20_000);
    expect(fitted.length).toBeLessThanOrEqual(20_000);
    expect(fitted).not.toContain('```mermaid');
    expect(fitted).toContain('**AWS Budgets: acme-ws-c001-monthly**');
    expect(fitted.trimEnd().endsWith('`npx workshop cost-report --format json` prints all of it._')).toBe(true);
    expect(fitted).not.toMatch(/\n### [^\n]*\n*_The report was cut/);
  });

  it('fits 500 cohorts under the GitHub limit', async () => {
    const report = await bigReport(500, 3);
    expect(fittedMarkdown(report, ISSUE_BODY_LIMIT).length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT);
  });
});
