import { describe, expect, it } from 'vitest';
import { renderJson, renderMarkdown } from '../../../src/jobs/common/report.ts';
import { onboardJob } from '../../../src/jobs/onboard/job.ts';
import { loopbackSession } from '../../support/aws-loopback.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { onboardAws } from './loopback-world.ts';

const session = loopbackSession();

describe('onboard through the real SDK clients', () => {
  it('finishes despite throttling and a 500, and one cohort’s AccessDenied leaves the other onboarded', async () => {
    const world = onboardAws('acme-ws-cohort-a_');
    const loopback = await session.start(world.handler);
    loopback.fault({ service: 'iam', operation: 'GetLoginProfile', times: 3, kind: 'throttle' });
    loopback.fault({ service: 'ses', operation: 'SendEmail', times: 1, kind: 'server-error' });
    const aws = session.factory(loopback);
    const ctx = testContext('2026-12-01T00:00:00Z');
    const cohorts = [testCohort('cohort-a'), testCohort('cohort-b', { regions: { primary: 'eu-west-1' } })];
    const report = await onboardJob.run(
      { settings: SETTINGS, cohorts, ctx, aws, env: { WORKSHOP_SES_SENDER: 'workshops@acme.example' } },
      {},
    );

    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['cohort-a', 'failed'],
      ['cohort-b', 'ok'],
    ]);
    expect(report.cohorts[0]?.problems.every((p) => p.includes('AccessDenied'))).toBe(true);
    expect([...world.profiles.keys()].sort()).toEqual([
      'acme-ws-cohort-b_s01',
      'acme-ws-cohort-b_s02',
      'acme-ws-cohort-b_s03',
    ]);
    // Cohort b's three students and both cohorts' instructor (who needs no IAM call) were emailed once each,
    // the 500 retried.
    const recipients = world.sent.map((m) => m.Destination?.ToAddresses?.[0]).sort();
    expect(recipients).toEqual([
      'daniel@example.com',
      'hana@example.com',
      'jiwoo@example.com',
      'jiwoo@example.com',
      'yujin@example.com',
    ]);
    const throttled = loopback.requests.filter((r) => r.operation === 'GetLoginProfile');
    expect(throttled.length).toBe(6 + 3);
    // The SES calls went to cohort b's region.
    expect(new Set(loopback.requests.filter((r) => r.service === 'ses').map((r) => r.region))).toEqual(
      new Set(['eu-west-1', 'ap-northeast-2']),
    );

    // No password anywhere the job writes: logs, reports, the state bucket.
    const passwords = [...world.profiles.values()];
    const written = [
      ...ctx.log.lines.map((l) => l.line),
      renderMarkdown(report, ctx.logger.redact),
      renderJson(report, ctx.logger.redact),
      ...[...world.objects.objects.values()].map((o) => o.body),
    ].join('\n');
    for (const password of passwords) expect(written).not.toContain(password);
    expect([...world.objects.objects.keys()].sort()).toEqual([
      `${SETTINGS.state.bucket}/ops/cohort-a/onboard.json`,
      `${SETTINGS.state.bucket}/ops/cohort-b/onboard.json`,
    ]);
  });
});
