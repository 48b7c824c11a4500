// @vitest-environment jsdom
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { axisTop, spendChart } from '../../../src/jobs/cost-report/spend-chart.ts';

const days = (amounts: number[]) =>
  amounts.map((usd, i) => ({ day: `2026-12-${String(i + 1).padStart(2, '0')}`, usd }));

describe('spend chart', () => {
  it("is a chart mermaid's parser accepts", async () => {
    const chart = spendChart('seoul-1', days([0, 12.345, 3, 40]), 100);
    await expect(mermaid.parse(chart)).resolves.toBeTruthy();
  });

  it('draws the running total and a flat budget line, one point per day', () => {
    const chart = spendChart('seoul-1', days([1.25, 2, 0, 4.5]), 80);
    const lines = chart.split('\n').filter((l) => l.trim().startsWith('line'));
    expect(lines).toEqual(['  line [1.25, 3.25, 3.25, 7.75]', '  line [80, 80, 80, 80]']);
    expect(chart).toContain('x-axis "Day of month" ["1", "2", "3", "4"]');
  });

  it('keeps both lines inside the axis, credits included', async () => {
    const chart = spendChart('busan-1', days([-5, 1, 300]), 100);
    expect(chart).toContain('y-axis "USD" -5 --> 320');
    await expect(mermaid.parse(chart)).resolves.toBeTruthy();
  });

  it('parses on the first day of a month with nothing spent', async () => {
    await expect(mermaid.parse(spendChart('a-1', days([0]), 10))).resolves.toBeTruthy();
  });

  it('would catch a broken chart: the parser rejects bad syntax', async () => {
    await expect(mermaid.parse('xychart-beta\n  line [1, ,]')).rejects.toThrow();
  });

  it('picks a round axis top above the largest value', () => {
    expect(axisTop(100)).toBe(110);
    expect(axisTop(950)).toBe(1000);
    expect(axisTop(0)).toBe(1);
    expect(axisTop(3.2)).toBe(3.4);
    expect(axisTop(0.07)).toBe(0.074);
  });
});

describe('the chart inside a rendered report', () => {
  it('survives the Markdown rendering unchanged and still parses', async () => {
    const { renderMarkdown } = await import('../../../src/jobs/common/report.ts');
    const { runCostReport } = await import('../../../src/jobs/cost-report/cost-report.ts');
    const { testContext } = await import('../common/fakes.ts');
    const { cohort, fakes, giveBudgets, NOW, PREFIX, prices } = await import('./fixtures.ts');
    const f = fakes();
    const c = cohort('seoul-1');
    giveBudgets(f, [c]);
    f.costExplorer.rows = [
      { day: '2026-12-03', tagValue: 'seoul-1', service: 'AWS Glue', amountUsd: 7, estimated: false },
    ];
    const report = await runCostReport(f.apis, { namePrefix: PREFIX, cohorts: [c], ctx: testContext(NOW), prices });
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(renderMarkdown(report))?.[1];
    expect(block).toContain('line [0, 0, 7, 7, 7, 7, 7]');
    await expect(mermaid.parse(block ?? '')).resolves.toBeTruthy();
  });
});
