/**
 * The refresh report, as plain text for the terminal: one line per row (changed with old → new and the change in
 * percent, unchanged, not found or failed with the reason the price was kept), the offer versions read, and a
 * summary. Rows outside --region are counted, not listed.
 */
import type { PriceRefreshResult, RowOutcome, RowStatus } from './price-refresh.ts';

const LABEL: Readonly<Record<Exclude<RowStatus, 'skipped'>, string>> = {
  changed: 'changed  ',
  unchanged: 'unchanged',
  'not-found': 'NOT FOUND',
  failed: 'FAILED   ',
};

function percent(value: number | undefined): string {
  if (value === undefined) return 'was 0';
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

function rowLine(o: RowOutcome): string {
  const what = `${o.item} in ${o.region}`;
  const per = `USD per ${o.unit}`;
  const detail = o.detail === '' ? '' : `; ${o.detail}`;
  switch (o.status) {
    case 'changed':
      return `${LABEL.changed} ${what}: ${o.oldPriceUsd} → ${o.newPriceUsd} ${per} (${percent(o.changePercent)})${detail}`;
    case 'unchanged':
      return `${LABEL.unchanged} ${what}: ${o.oldPriceUsd} ${per}${detail}`;
    case 'not-found':
    case 'failed':
      return `${LABEL[o.status]} ${what}: kept ${o.oldPriceUsd} ${per}; ${o.detail}`;
    case 'skipped':
      return '';
  }
}

export interface ReportContext {
  /** The table file, as the user named it. */
  readonly file: string;
  readonly dryRun: boolean;
  /** What happened to the file: written, or why not. */
  readonly outcome: string;
}

export function countByStatus(result: PriceRefreshResult): Readonly<Record<RowStatus, number>> {
  const counts: Record<RowStatus, number> = { changed: 0, unchanged: 0, 'not-found': 0, failed: 0, skipped: 0 };
  for (const o of result.outcomes) counts[o.status]++;
  return counts;
}

export function renderRefreshReport(result: PriceRefreshResult, context: ReportContext): string {
  const counts = countByStatus(result);
  const lines = [`Price List refresh of ${context.file}${context.dryRun ? ' (dry run)' : ''}`, ''];
  lines.push(...result.outcomes.filter((o) => o.status !== 'skipped').map(rowLine));
  if (counts.skipped > 0) lines.push(`(${counts.skipped} rows outside --region left as they are)`);
  if (result.versions.length > 0) {
    lines.push('', 'Offers read:');
    for (const v of result.versions) {
      lines.push(
        `  ${v.serviceCode} version ${v.version}${v.publicationDate ? `, published ${v.publicationDate}` : ''}`,
      );
    }
  }
  lines.push(
    '',
    `${counts.changed} changed, ${counts.unchanged} unchanged, ${counts['not-found']} not found (kept), ${counts.failed} failed (kept).`,
  );
  if (counts['not-found'] > 0) {
    lines.push(
      'warning: rows marked NOT FOUND keep their checked-in price; check them by hand or fix their entry in src/cost/price-list-products.ts.',
    );
  }
  lines.push(context.outcome, '');
  return lines.join('\n');
}
