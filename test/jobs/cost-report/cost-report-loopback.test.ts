import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/jobs/common/report.ts';
import type { CohortCost } from '../../../src/jobs/cost-report/cohort-cost.ts';
import { costReportJob } from '../../../src/jobs/cost-report/cost-report-job.ts';
import { loopbackSession } from '../../support/aws-loopback.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { prices } from './fixtures.ts';
import { costAws } from './loopback-world.ts';

const session = loopbackSession();

const GB = 1024 ** 3;

describe('cost report through the real SDK clients', () => {
  it('finishes despite throttling and a 500, and a missing budget fails only its own cohort', async () => {
    const world = costAws({ missingBudget: 'gone-1' });
    const loopback = await session.start(world.handler);
    loopback.fault({ service: 'ce', operation: 'GetCostAndUsage', times: 3, kind: 'throttle' });
    loopback.fault({ service: 'budgets', operation: 'DescribeBudget', times: 1, kind: 'server-error' });
    const aws = session.factory(loopback);
    const ctx = testContext('2026-12-07T10:00:00Z');
    const cohorts = [testCohort('gone-1'), testCohort('fine-1', { regions: { primary: 'us-east-1' } })];

    const report = await costReportJob.run({ settings: SETTINGS, cohorts, ctx, aws, env: {} }, { prices });

    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['gone-1', 'failed'],
      ['fine-1', 'warning'],
    ]);
    expect(report.cohorts[0]?.problems[0]).toMatch(/budget "acme-ws-gone-1-monthly" does not exist: apply the cohort/);
    const fine = report.cohorts[1]?.data as CohortCost;
    expect(fine.budget).toMatchObject({
      limitUsd: 100,
      actualUsd: 60,
      forecastUsd: 90,
      updatedAt: '2026-12-07T06:00:00.000Z',
    });
    expect(fine.spend?.byService).toEqual([
      { service: 'Amazon Athena', usd: 40 },
      { service: 'AWS Glue', usd: 20 },
    ]);
    expect(fine.athena.workgroups[0]).toMatchObject({ workgroup: 'acme-ws-fine-1_s01', billedBytes: 50 * GB });

    // One query for both cohorts: two pages, each sent once more per throttle; the report counts the pages.
    const ce = loopback.requests.filter((r) => r.service === 'ce');
    expect(ce).toHaveLength(2 + 3);
    expect(new Set(ce.map((r) => r.region))).toEqual(new Set(['us-east-1']));
    expect(world.ceBodies.map((b) => b.NextPageToken)).toEqual([undefined, 'page-2']);
    expect(report.notes[0]).toMatch(/^Cost Explorer: 2 requests this run for every cohort at once, billed \$0\.02/);

    // The 60% actual and 90% forecast crossings alerted once, to fine-1's topic, and were recorded.
    expect(report.cohorts[1]?.alerts.map((a) => [a.key, a.sent])).toEqual([
      ['budget:2026-12:actual:50', true],
      ['budget:2026-12:forecast:50', true],
      ['budget:2026-12:forecast:80', true],
    ]);
    expect(world.published).toHaveLength(1);
    expect([...world.objects.objects.keys()]).toEqual([`${SETTINGS.state.bucket}/ops/fine-1/cost-report.json`]);
    expect(renderMarkdown(report)).toContain('acme-ws-fine-1\\_s01');
  });
});
