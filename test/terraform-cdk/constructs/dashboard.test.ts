import { describe, expect, it } from 'vitest';
import { dashboardBody } from '../../../terraform-cdk/constructs/dashboard.ts';

const base = {
  region: 'ap-northeast-2',
  cohortId: 'c1',
  jobNames: [],
  workgroups: ['wg-a', 'wg-b'],
  buckets: ['b-raw'],
  replication: [],
} as const;

function titles(body: { widgets: unknown[] }): string[] {
  return body.widgets.flatMap((w) => {
    const title = (w as { properties?: { title?: string } }).properties?.title;
    return title === undefined ? [] : [title];
  });
}

describe('dashboardBody', () => {
  it('graphs Athena bytes for every workgroup and the size of every bucket', () => {
    const text = JSON.stringify(dashboardBody(base));
    expect(text).toContain('"WorkGroup","wg-a"');
    expect(text).toContain('"WorkGroup","wg-b"');
    expect(text).toContain('"BucketName","b-raw"');
  });

  it('adds the Glue and replication graphs only when there is something to show', () => {
    expect(titles(dashboardBody(base)).some((t) => t.startsWith('Glue'))).toBe(false);
    expect(titles(dashboardBody(base)).some((t) => t.startsWith('Replication'))).toBe(false);
    const full = dashboardBody({
      ...base,
      jobNames: ['job-1'],
      replication: [{ source: 'b-raw', replica: 'b-raw-dr', ruleId: 'r' }],
    });
    expect(titles(full).some((t) => t.startsWith('Glue'))).toBe(true);
    expect(JSON.stringify(full)).toContain('"SourceBucket","b-raw","DestinationBucket","b-raw-dr","RuleId","r"');
  });
});
