/**
 * Preflight results in the jobs' report shape: one section per scope (the account, then each region) where other
 * jobs have one per cohort. A blocker fails its scope, so the run exits 1.
 */
import type { CohortReport, CohortStatus, JobReport } from '../common/report.ts';
import { type Finding, type Level, worstLevel } from './finding.ts';
import type { ScopeResult } from './preflight.ts';

const STATUS: Readonly<Record<Level, CohortStatus>> = { ok: 'ok', warning: 'warning', blocker: 'failed' };
const LABEL: Readonly<Record<Level, string>> = { ok: 'ok', warning: 'warning', blocker: 'BLOCKER' };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summaryOf(findings: readonly Finding[]): string {
  const blockers = findings.filter((f) => f.level === 'blocker').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  if (blockers + warnings === 0) return `all ${plural(findings.length, 'check')} passed`;
  return `${plural(blockers, 'blocker')}, ${plural(warnings, 'warning')} in ${plural(findings.length, 'check')}`;
}

export function scopeReport(result: ScopeResult): CohortReport {
  const { findings } = result;
  return {
    cohortId: result.scope,
    status: STATUS[worstLevel(findings)],
    summary: summaryOf(findings),
    problems: findings.filter((f) => f.level !== 'ok').map((f) => `${LABEL[f.level]} ${f.check}: ${f.detail}`),
    alerts: [],
    blocks: [
      {
        kind: 'table',
        columns: ['Check', 'Result', 'Detail'],
        rows: findings.map((f) => [f.check, LABEL[f.level], f.detail]),
      },
    ],
    data: { findings },
  };
}

export interface PreflightRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly dryRun: boolean;
}

export function preflightReport(job: string, results: readonly ScopeResult[], run: PreflightRun): JobReport {
  return {
    job,
    ...run,
    notes: [
      'Each section is the account or one region in use (not a cohort). Preflight only reads: it changed nothing.',
      'A blocker would make the apply fail or the workshop not work; exit status 1 when there is one.',
    ],
    cohorts: results.map(scopeReport),
  };
}
