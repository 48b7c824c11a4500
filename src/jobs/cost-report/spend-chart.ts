/**
 * A Mermaid `xychart-beta` of a cohort's month so far: cumulative spend per day against its budget line. GitHub
 * renders it from a ```mermaid block. Only numbers and the cohort id (a-z, 0-9, -) reach the chart text.
 */
import { cumulative, type DaySpend } from './cohort-spend.ts';

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A y-axis top a little above the highest value, on a round step, so neither line sits on the frame. */
export function axisTop(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max)) / 10;
  // Rounded again: steps below 1 are not exact in binary.
  return Number((Math.ceil((max * 1.05) / step) * step).toPrecision(12));
}

export function spendChart(cohortId: string, daily: readonly DaySpend[], limitUsd: number): string {
  const running = cumulative(daily).map((d) => round2(d.usd));
  const days = daily.map((d) => `"${Number(d.day.slice(8, 10))}"`);
  const top = axisTop(Math.max(limitUsd, ...running));
  const bottom = Math.min(0, ...running);
  const title = `${cohortId.replace(/[^a-z0-9-]/g, '')}: cumulative spend vs budget (USD)`;
  return [
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "Day of month" [${days.join(', ')}]`,
    `  y-axis "USD" ${bottom} --> ${top}`,
    `  line [${running.join(', ')}]`,
    `  line [${daily.map(() => round2(limitUsd)).join(', ')}]`,
  ].join('\n');
}
