/** The DR audit's report of one cohort: a configuration table per bucket, a health table, findings and alerts. */
import type { CohortReport, CohortStatus, ReportBlock, ReportedAlert } from '../common/report.ts';
import type { CheckResult, CheckStatus, ConfigurationResult } from './configuration-check.ts';
import type { Finding } from './finding.ts';
import type { PairMetrics } from './replication-metrics.ts';
import type { BucketSample } from './replication-sample.ts';

export interface PairAudit {
  readonly role: 'raw' | 'processed';
  readonly source: string;
  readonly replica: string;
  /** Undefined when a bucket is missing (then a finding says which). */
  readonly configuration?: ConfigurationResult;
  readonly metrics?: PairMetrics;
  readonly sample?: BucketSample;
}

export interface AuditOutcome {
  readonly cohortId: string;
  readonly backupKeyArns: readonly string[];
  readonly pairs: readonly PairAudit[];
  readonly findings: readonly Finding[];
  /** Problems that are not findings (an ignored ops state, a concurrent run). */
  readonly problems: readonly string[];
  readonly alerts: readonly ReportedAlert[];
}

const MARK: Readonly<Record<CheckStatus, string>> = { ok: '✅', failed: '❌', warning: '⚠️', info: 'ℹ️', 'n/a': '—' };

function cell(check: CheckResult | undefined): string {
  if (check === undefined) return '—';
  return check.status === 'n/a' ? '—' : `${MARK[check.status]} ${check.value}`;
}

function configurationTable(pairs: readonly PairAudit[]): ReportBlock {
  const names = [...new Set(pairs.flatMap((p) => (p.configuration?.checks ?? []).map((c) => c.check)))];
  return {
    kind: 'table',
    title: 'Configuration',
    columns: ['Check', ...pairs.map((p) => `${p.role}: ${p.source} → ${p.replica}`)],
    rows: names.map((name) => [name, ...pairs.map((p) => cell(p.configuration?.checks.find((c) => c.check === name)))]),
  };
}

function seconds(value: number | undefined): string {
  if (value === undefined) return 'no data';
  if (value < 120) return `${Math.round(value)} s`;
  if (value < 7200) return `${Math.round(value / 60)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

function count(value: number | undefined): string | number {
  return value === undefined ? 'no data' : value;
}

function healthTable(pairs: readonly PairAudit[]): ReportBlock {
  return {
    kind: 'table',
    title: 'Replication health (CloudWatch, last 24 hours; newest objects sampled)',
    columns: [
      'Bucket',
      'Latency now',
      'Latency max',
      'Pending ops',
      'Failed ops',
      'Sampled',
      'Replicated',
      'Pending',
      'Other',
      'Recovery point age',
    ],
    rows: pairs.map((p) => {
      const objects = p.sample?.objects ?? [];
      const replicated = objects.filter((o) => o.verdict === 'replicated').length;
      const pending = objects.filter((o) => o.verdict === 'pending').length;
      return [
        p.source,
        seconds(p.metrics?.latencyLatestSeconds),
        seconds(p.metrics?.latencyMaxSeconds),
        count(p.metrics?.pendingOperations),
        count(p.metrics?.failedOperations),
        p.sample === undefined ? 'not sampled' : `${objects.length} of ${p.sample.listedVersions}`,
        replicated,
        pending,
        objects.length - replicated - pending,
        p.sample?.recoveryPointAgeSeconds === undefined ? '—' : seconds(p.sample.recoveryPointAgeSeconds),
      ];
    }),
  };
}

function sampleNotes(pairs: readonly PairAudit[]): string[] {
  return pairs.flatMap((p) =>
    p.sample?.truncated === true
      ? [
          `${p.source}: the listing stopped after ${p.sample.listPages} pages (${p.sample.listedVersions} versions, in key order); the sample is the newest of those`,
        ]
      : [],
  );
}

/** The oldest outstanding object over every bucket: the cohort's recovery point. */
export function recoveryPointAge(pairs: readonly PairAudit[]): number | undefined {
  const ages = pairs.flatMap((p) =>
    p.sample?.recoveryPointAgeSeconds === undefined ? [] : [p.sample.recoveryPointAgeSeconds],
  );
  return ages.length === 0 ? undefined : Math.max(...ages);
}

export const NO_BACKUP = 'no backup region: nothing replicates';

/** A cohort the DR jobs have nothing to do for (no backup region, a dry run of the drill). */
export function skippedReport(cohortId: string, summary: string): CohortReport {
  return { cohortId, status: 'skipped', summary, problems: [], alerts: [], blocks: [] };
}

export function auditReport(outcome: AuditOutcome): CohortReport {
  const failures = outcome.findings.filter((f) => f.severity === 'failure');
  const warnings = outcome.findings.filter((f) => f.severity === 'warning');
  const status: CohortStatus =
    failures.length > 0 ? 'failed' : warnings.length > 0 || outcome.problems.length > 0 ? 'warning' : 'ok';
  const sampled = outcome.pairs.flatMap((p) => p.sample?.objects ?? []);
  const replicated = sampled.filter((o) => o.verdict === 'replicated').length;
  const age = recoveryPointAge(outcome.pairs);
  const notes = sampleNotes(outcome.pairs);
  return {
    cohortId: outcome.cohortId,
    status,
    summary: [
      failures.length === 0 ? 'configuration and replication fine' : `${failures.length} problem(s)`,
      `${replicated}/${sampled.length} sampled objects replicated`,
      `recovery point age ${age === undefined ? 'n/a (no objects)' : seconds(age)}`,
    ].join('; '),
    problems: [
      ...outcome.problems,
      ...outcome.findings.map(
        (f) => `${f.severity === 'failure' ? '' : 'warning: '}${f.text}${f.detail ? ` (${f.detail})` : ''}`,
      ),
    ],
    alerts: outcome.alerts,
    blocks: [
      configurationTable(outcome.pairs),
      healthTable(outcome.pairs),
      ...(notes.length === 0 ? [] : [{ kind: 'list' as const, title: 'Sample', items: notes }]),
    ],
    data: { backupKeyArns: outcome.backupKeyArns, recoveryPointAgeSeconds: age ?? null, pairs: outcome.pairs },
  };
}
