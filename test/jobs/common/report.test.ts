import { describe, expect, it } from 'vitest';
import {
  type CohortReport,
  cohortReports,
  exitCodeOf,
  type JobReport,
  renderJson,
  renderMarkdown,
  worstStatus,
} from '../../../src/jobs/common/report.ts';

const cohort = (over: Partial<CohortReport> = {}): CohortReport => ({
  cohortId: 'seoul-1',
  status: 'ok',
  summary: 'all fine',
  problems: [],
  alerts: [],
  blocks: [],
  ...over,
});

const report = (cohorts: CohortReport[]): JobReport => ({
  job: 'crawl',
  startedAt: '2026-12-07T10:00:00.000Z',
  finishedAt: '2026-12-07T10:05:00.000Z',
  dryRun: false,
  notes: ['2 requests'],
  cohorts,
});

describe('job report', () => {
  it('exits 1 only when a cohort failed', () => {
    expect(exitCodeOf(report([cohort(), cohort({ status: 'warning' }), cohort({ status: 'skipped' })]))).toBe(0);
    expect(exitCodeOf(report([cohort(), cohort({ status: 'failed' })]))).toBe(1);
  });

  it('turns a thrown cohort into a failed line with its error', () => {
    const reports = cohortReports([
      { cohortId: 'a', ok: true, result: cohort({ cohortId: 'a' }) },
      { cohortId: 'b', ok: false, error: 'AccessDenied: no' },
    ]);
    expect(reports[1]).toMatchObject({ cohortId: 'b', status: 'failed', problems: ['AccessDenied: no'] });
  });

  it('picks the worst status', () => {
    expect(worstStatus('ok', 'failed', 'warning')).toBe('failed');
    expect(worstStatus('ok', 'warning')).toBe('warning');
    expect(worstStatus()).toBe('skipped');
  });

  it('renders cohort text as inert Markdown: no HTML, no mentions, no table breaks', () => {
    const md = renderMarkdown(
      report([
        cohort({
          summary: '<img src=x onerror=alert(1)> @octocat | #12',
          blocks: [{ kind: 'table', columns: ['Name', 'Value'], rows: [['a|b', '<b>x</b>']] }],
        }),
      ]),
    );
    expect(md).not.toMatch(/<img|<b>|@octocat(?!\S*&#8203;)/);
    expect(md).toContain('&lt;img');
    expect(md).toContain('a\\|b');
    expect(md).toContain('- 2 requests');
  });

  it('renders code blocks verbatim in a fence that cannot be closed from inside', () => {
    const md = renderMarkdown(
      report([cohort({ blocks: [{ kind: 'code', language: 'mermaid', text: 'xychart-beta\n```\nline [1, 2]' }] })]),
    );
    expect(md).toContain('````mermaid\nxychart-beta\n```\nline [1, 2]\n````');
  });

  it('carries the same data as JSON and redacts secrets from both', () => {
    const secret = 'Pa55w0rd-XYZ';
    const redact = (t: string) => t.replaceAll(secret, '***');
    const r = report([cohort({ summary: `sent ${secret}`, data: { nested: [{ value: `"${secret}"` }] } })]);
    const json = JSON.parse(renderJson(r, redact));
    expect(json.cohorts[0].summary).toBe('sent ***');
    expect(json.cohorts[0].data.nested[0].value).toBe('"***"');
    expect(json.job).toBe('crawl');
    expect(renderMarkdown(r, redact)).not.toContain(secret);
  });
});
