import { describe, expect, it } from 'vitest';
import type { PairAudit } from '../../../src/jobs/dr-audit/audit-report.ts';
import { drAuditJob } from '../../../src/jobs/dr-audit/job.ts';
import { loopbackSession } from '../../support/aws-loopback.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { drWorld, type LoopBucket } from './loopback-world.ts';

const session = loopbackSession();

function buckets(ids: readonly string[]): Map<string, LoopBucket> {
  const out = new Map<string, LoopBucket>();
  for (const id of ids) {
    for (const role of ['raw', 'processed']) {
      const source = `acme-ws-${id}-${role}`;
      const objects = [
        {
          key: `${role}/a.csv`,
          versionId: 'v1',
          lastModified: '2026-12-08T01:00:00.000Z',
          status: 'COMPLETED' as const,
        },
        {
          key: `${role}/b.csv`,
          versionId: 'v2',
          lastModified: '2026-12-08T02:00:00.000Z',
          status: 'COMPLETED' as const,
        },
      ];
      out.set(source, { objects });
      out.set(`${source}-dr`, { replicaOf: source, objects: [] });
    }
  }
  return out;
}

const regions = { primary: 'ap-northeast-2', backup: 'ap-southeast-1' };

describe('dr-audit through the real SDK clients', () => {
  it('gets through throttling and a 500, and one cohort’s AccessDenied leaves the other audited', async () => {
    const world = drWorld(buckets(['cohort-a', 'cohort-b']), ['cohort-a']);
    const loopback = await session.start(world.handler);
    loopback.fault({ service: 's3', operation: 'HeadObject', times: 3, kind: 'throttle' });
    loopback.fault({ service: 'monitoring', times: 1, kind: 'server-error' });
    loopback.fault({ service: 'tagging', times: 2, kind: 'throttle' });
    const aws = session.factory(loopback);
    const ctx = testContext('2026-12-08T03:00:00Z');
    const cohorts = [testCohort('cohort-a', { regions }), testCohort('cohort-b', { regions })];
    const report = await drAuditJob.run({ settings: SETTINGS, cohorts, ctx, aws, env: {} }, {});

    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['cohort-a', 'failed'],
      ['cohort-b', 'ok'],
    ]);
    expect(report.cohorts[0]?.problems[0]).toMatch(/^AccessDenied: Access Denied/);
    const pairs = (report.cohorts[1]?.data as { pairs: PairAudit[] } | undefined)?.pairs ?? [];
    // Parsed from S3's XML: the rule, the replica's settings and both sampled versions per bucket, checksum-verified.
    expect(pairs.flatMap((p) => p.configuration?.checks ?? []).filter((c) => c.status === 'failed')).toEqual([]);
    expect(pairs.flatMap((p) => p.sample?.objects ?? []).map((o) => [o.key, o.verdict, o.verifiedBy])).toEqual([
      ['raw/b.csv', 'replicated', 'checksum'],
      ['raw/a.csv', 'replicated', 'checksum'],
      ['processed/b.csv', 'replicated', 'checksum'],
      ['processed/a.csv', 'replicated', 'checksum'],
    ]);
    const requests = loopback.requests;
    // The faults happened and were retried through: three throttled HEADs, one 500, two throttled tag reads.
    expect(requests.filter((r) => r.operation === 'HeadObject').length).toBe(8 + 3);
    expect(requests.filter((r) => r.service === 'monitoring' && r.region === regions.backup).length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.service === 'tagging').every((r) => r.region === regions.backup)).toBe(true);
    // The state of the good cohort was written; nothing was published for it.
    expect([...world.state.objects.keys()]).toEqual(['acme-workshops-terraform-state/ops/cohort-b/dr-audit.json']);
    expect(world.published).toEqual([]);
  });
});
