/**
 * The cost estimate as Markdown for the review comment: a summary line, a `| service | assumption | monthly |` table
 * with right-aligned money and the total, an alert when the estimate is above the budget, then the other warnings.
 */
import { type CostEstimate, overBudgetText } from './estimate.ts';
import { formatUsd, plural } from './format.ts';
import { escapeCell } from './markdown-text.ts';

function summaryLine(estimate: CostEstimate): string {
  const { period, budgetUsd, monthlyTotal } = estimate;
  const share = budgetUsd > 0 ? ` (${Math.round((monthlyTotal / budgetUsd) * 100)}%)` : '';
  const regions =
    estimate.backupRegion === undefined ? estimate.region : `${estimate.region}, backup ${estimate.backupRegion}`;
  const days = `${plural(period.sessionDays, 'session day')}, resources up ${plural(period.activeDays, 'day')}`;
  return [
    `**Estimated cost of ${escapeCell(estimate.cohortId)}: ${formatUsd(monthlyTotal)}** for ${period.month} (${period.from} to ${period.to}: ${days})`,
    `budget ${formatUsd(budgetUsd)}${share}`,
    escapeCell(regions),
    `prices as of ${estimate.pricesAsOf}`,
  ].join(' · ');
}

function lineLabel(estimate: CostEstimate, line: CostEstimate['lines'][number]): string {
  const elsewhere = line.region !== estimate.region && line.region !== 'global' ? ` · ${line.region}` : '';
  return escapeCell(`${line.service} · ${line.item}${elsewhere}`);
}

export function renderCostTable(estimate: CostEstimate): string {
  const out: string[] = [summaryLine(estimate), '', '| service | assumption | monthly |', '|---|---|---:|'];
  for (const line of estimate.lines) {
    out.push(`| ${lineLabel(estimate, line)} | ${escapeCell(line.assumption)} | ${formatUsd(line.monthly)} |`);
  }
  out.push(`| **Total** | ${estimate.lines.length} lines | **${formatUsd(estimate.monthlyTotal)}** |`);
  out.push(`| Budget | monthly limit | ${formatUsd(estimate.budgetUsd)} |`);
  const overBudget = overBudgetText(estimate.monthlyTotal, estimate.period.month, estimate.budgetUsd);
  if (estimate.overBudget) {
    out.push('', '> [!WARNING]', `> ⚠️ Over budget: ${escapeCell(overBudget)}.`);
  }
  const notes = estimate.warnings.filter((w) => w !== overBudget);
  if (notes.length > 0) {
    out.push('', ...notes.map((w) => `- ⚠️ ${escapeCell(w)}`));
  }
  return `${out.join('\n')}\n`;
}
