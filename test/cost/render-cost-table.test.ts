import { describe, expect, it } from 'vitest';
import { type CostEstimate, estimateCohortCost } from '../../src/cost/estimate.ts';
import { formatBytes, formatUsd } from '../../src/cost/format.ts';
import { escapeCell } from '../../src/cost/markdown-text.ts';
import { renderCostTable } from '../../src/cost/render-cost-table.ts';
import { loadExample, loadPrices } from './example-cohorts.ts';

const prices = loadPrices();
const seoul = loadExample('seoul-data-eng-2026-12');
const busan = loadExample('busan-intro-2026-12');
const seoulEstimate = estimateCohortCost({ cohort: seoul.cohort, datasetBytes: seoul.datasetBytes, prices });

/** Cells of a table row, split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((l) => l.startsWith('|'));
}

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [0.004, '<$0.01'],
    [0.005, '$0.01'],
    [9.675, '$9.68'],
    [1234.5, '$1,234.50'],
    [1234567.891, '$1,234,567.89'],
  ])('%d → %s', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });
});

describe('formatBytes', () => {
  it('uses binary units as AWS bills them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(18_837)).toBe('18.4 KB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
  });
});

describe('renderCostTable', () => {
  const markdown = renderCostTable(seoulEstimate);
  const rows = tableRows(markdown);

  it('starts with a summary naming the total, the period, the budget and the price date', () => {
    const summary = markdown.split('\n')[0] ?? '';
    expect(summary).toContain(formatUsd(seoulEstimate.monthlyTotal));
    expect(summary).toContain(seoulEstimate.period.month);
    expect(summary).toContain(`${seoulEstimate.period.sessionDays} session days`);
    expect(summary).toContain(`budget ${formatUsd(300)}`);
    expect(summary).toContain('prices as of 2026-11-27');
  });

  it('has one right-aligned money row per line plus the total and the budget', () => {
    expect(rows[0]).toBe('| service | assumption | monthly |');
    expect(rows[1]).toBe('|---|---|---:|');
    expect(rows).toHaveLength(2 + seoulEstimate.lines.length + 2);
    for (const row of rows) expect(cells(row)).toHaveLength(3);
    seoulEstimate.lines.forEach((l, i) => {
      expect(cells(rows[i + 2] ?? '')[2]).toBe(formatUsd(l.monthly));
    });
    expect(cells(rows.at(-2) ?? '')[2]).toBe(`**${formatUsd(seoulEstimate.monthlyTotal)}**`);
  });

  it('marks lines priced in the backup region', () => {
    expect(markdown).toContain('| S3 · raw replica storage (Standard) · ap-southeast-1 |');
    expect(markdown).toContain('| S3 · raw storage (Standard) |');
  });

  it('shows no warning when within budget and an alert when over it, without repeating it', () => {
    expect(markdown).not.toContain('[!WARNING]');
    const over = estimateCohortCost({
      cohort: { ...busan.cohort, budget: { ...busan.cohort.budget, limitUsd: 0.25 } },
      datasetBytes: busan.datasetBytes,
      prices,
    });
    const text = renderCostTable(over);
    expect(text).toContain('> [!WARNING]');
    expect(text.match(/above the budget/g)).toHaveLength(1);
    expect(text).toMatch(/^- ⚠️ estimated cost reaches the freeze threshold/m);
  });

  it('escapes text so it cannot break the table, inject HTML or mention anyone', () => {
    const hostile: CostEstimate = {
      ...seoulEstimate,
      lines: [
        {
          ...(seoulEstimate.lines[0] as CostEstimate['lines'][number]),
          item: 'q | <img src=x onerror=alert(1)>',
          assumption: 'ping @octocat\nnew row | x',
        },
      ],
      warnings: ['<script>alert(1)</script> @admins'],
    };
    const text = renderCostTable(hostile);
    expect(text).not.toMatch(/<img|<script/);
    expect(text).not.toMatch(/@octocat|@admins/);
    for (const row of tableRows(text)) expect(cells(row)).toHaveLength(3);
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('escapeCell', () => {
  it('escapes pipes, HTML, backslashes, backticks and newlines', () => {
    expect(escapeCell('a|b')).toBe('a\\|b');
    expect(escapeCell('<b>&')).toBe('&lt;b&gt;&amp;');
    expect(escapeCell('a\\|b')).toBe('a\\\\\\|b');
    expect(escapeCell('`x`')).toBe('\\`x\\`');
    expect(escapeCell('a\nb')).toBe('a b');
    expect(escapeCell('@team')).not.toBe('@team');
  });
});
