import { describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clients.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import type { JobReport } from '../../../src/jobs/common/report.ts';
import { teardownJob } from '../../../src/jobs/teardown/job.ts';
import { lifecycleDates, lifecycleStatus } from '../../../src/jobs/teardown/lifecycle-status.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { type FakeWorld, fakeWorld, seedCohort } from './fakes.ts';

const seoul = testCohort('seoul');

async function lifecycle(world: FakeWorld, at: string, options: { apply?: boolean; cohorts?: ResolvedCohort[] } = {}) {
  return teardownJob.run(
    {
      settings: SETTINGS,
      cohorts: options.cohorts ?? [seoul],
      ctx: testContext(at),
      aws: new AwsClientFactory(),
      env: {},
    },
    { mode: 'lifecycle', apply: options.apply ?? true, sweep: false, root: '.', apis: () => world.apis },
  );
}

const only = (report: JobReport) => report.cohorts[0];

describe('lifecycle status', () => {
  // seoul: 2026-12-07 to 2026-12-09 in Asia/Seoul (UTC+9), teardown 3 days after the end.
  const dates = lifecycleDates(seoul);

  it('reads the cohort’s dates in its time zone', () => {
    expect(dates.end.toISOString()).toBe('2026-12-09T14:59:59.999Z');
    expect(dates.due.toISOString()).toBe('2026-12-12T14:59:59.999Z');
    expect(dates.overdue.toISOString()).toBe('2026-12-14T14:59:59.999Z');
  });

  it.each([
    ['2026-12-06T14:59:59Z', 'upcoming'],
    ['2026-12-06T15:00:00Z', 'in-session'],
    ['2026-12-09T14:59:59Z', 'in-session'],
    ['2026-12-09T15:00:00Z', 'ended'],
    ['2026-12-12T15:00:00Z', 'teardown-due'],
    ['2026-12-14T14:59:59Z', 'teardown-due'],
    ['2026-12-14T15:00:00Z', 'overdue'],
  ])('at %s the cohort is %s', (at, status) => {
    expect(lifecycleStatus(dates, new Date(at))).toBe(status);
  });
});

describe('teardown notices', () => {
  it('sends each reminder once over daily (and repeated) runs, by alert and by a comment mentioning the owner', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    for (let day = 1; day <= 17; day++) {
      for (const hour of ['01:17', '13:00'])
        await lifecycle(world, `2026-12-${String(day).padStart(2, '0')}T${hour}:00Z`);
    }
    const sent = world.alerts.sent.flatMap((s) => s.alerts.map((a) => a.key));
    expect(sent).toEqual([
      'teardown:end-3d',
      'teardown:end-1d',
      'teardown:due-3d',
      'teardown:due-1d',
      'teardown:teardown-pr',
      'teardown:overdue',
    ]);
    expect(
      world.alerts.sent.every(
        (s) => s.target.topicArn === 'arn:aws:sns:ap-northeast-2:123456789012:acme-ws-seoul-alerts',
      ),
    ).toBe(true);

    const tracking = world.github.issueTitled('Teardown: seoul');
    expect(tracking).toHaveLength(1);
    const comments = tracking[0]?.comments.map((c) => c.body) ?? [];
    expect(comments).toHaveLength(6);
    expect(comments.every((c) => c.startsWith('@jkim\n'))).toBe(true);
    expect(comments[0]).toContain('student access ends in 3 days (2026-12-09 23:59 Asia/Seoul)');
    expect(comments[3]).toContain('teardown is due in 1 day (2026-12-12 23:59 Asia/Seoul)');
    expect(comments[4]).toMatch(/teardown is due; review pull request #\d+/);
    // One teardown pull request over all those runs.
    expect(world.github.pulls).toHaveLength(1);
  });

  it('reminds again of a postponed teardown: each reminder is remembered with the date it announces', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    // Due at the end of 12 Dec (Seoul): the 1-day reminder goes out on the 12th.
    await lifecycle(world, '2026-12-12T01:00:00Z');
    // Postponed to the end of 19 Dec: its 1-day reminder goes out again on the 19th, once.
    const postponed = { ...seoul, schedule: { ...seoul.schedule, teardownAfterDays: 10 } };
    await lifecycle(world, '2026-12-13T01:00:00Z', { cohorts: [postponed] });
    await lifecycle(world, '2026-12-19T01:00:00Z', { cohorts: [postponed] });
    await lifecycle(world, '2026-12-19T05:00:00Z', { cohorts: [postponed] });
    const sent = world.alerts.sent.flatMap((s) => s.alerts.map((a) => a.key));
    expect(sent.filter((k) => k === 'teardown:due-1d')).toHaveLength(2);
  });

  it('sends a reminder whose day the schedule missed a day late, but never one whose moment has passed', async () => {
    const world = fakeWorld();
    seedCohort(world, seoul);
    // First run ever on the day before the end: the 3-day reminder's window is over, the 1-day one is open.
    await lifecycle(world, '2026-12-09T01:00:00Z');
    expect(world.alerts.sent.flatMap((s) => s.alerts.map((a) => a.key))).toEqual(['teardown:end-1d']);
  });

  it('retries only the channel that failed', async () => {
    const world = fakeWorld();
    seedCohort(world, seoul);
    world.alerts.failures = 1;
    const first = await lifecycle(world, '2026-12-07T01:00:00Z');
    expect(only(first)?.status).toBe('failed');
    expect(only(first)?.problems[0]).toMatch(/^the notices could not be sent to the topic: SNS is unavailable/);
    expect(world.github.issueTitled('Teardown: seoul')[0]?.comments).toHaveLength(1);

    const second = await lifecycle(world, '2026-12-07T13:00:00Z');
    expect(only(second)?.status).toBe('ok');
    expect(world.alerts.sent.flatMap((s) => s.alerts.map((a) => a.key))).toEqual(['teardown:end-3d']);
    expect(world.github.issueTitled('Teardown: seoul')[0]?.comments).toHaveLength(1);
  });

  it('sends, opens and writes nothing without --apply', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    const report = await lifecycle(world, '2026-12-13T01:00:00Z', { apply: false });
    expect(report.dryRun).toBe(true);
    expect(world.alerts.sent).toEqual([]);
    expect(world.github.writes()).toEqual([]);
    expect(world.state.puts).toBe(0);
    expect(only(report)?.summary).toContain('would open the teardown pull request');
  });

  it('reports each cohort’s status, and one cohort’s failure spares the others', async () => {
    const world = fakeWorld();
    const busan = testCohort('busan', { schedule: { start: '2027-01-04', end: '2027-01-08', timezone: 'Asia/Seoul' } });
    seedCohort(world, seoul);
    seedCohort(world, busan);
    world.alerts.failures = 1;
    const report = await lifecycle(world, '2026-12-07T01:00:00Z', { cohorts: [seoul, busan] });
    expect(report.cohorts.map((c) => [c.cohortId, c.status, c.summary.split(':')[0]])).toEqual([
      ['seoul', 'failed', 'in session'],
      ['busan', 'ok', 'upcoming'],
    ]);
  });
});

describe('the teardown pull request', () => {
  it('removes the cohort file on teardown/<id>, with the security check and the final cost report in its body', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/_settings.yaml', 'workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    const report = await lifecycle(world, '2026-12-13T01:00:00Z');
    expect(only(report)?.status).toBe('ok');
    const [pull] = world.github.pulls;
    expect(pull).toMatchObject({ title: 'Teardown: seoul', head: 'teardown/seoul', base: 'main', state: 'open' });
    expect(Object.keys(world.github.branches.get('teardown/seoul')?.files ?? {})).toEqual(['workshops/_settings.yaml']);
    const body = pull?.body ?? '';
    const sections = [...body.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Teardown: `seoul`', 'Final report', 'Security check', 'Final cost report']);
    expect(body).toContain('**Merging it is the approval.**');
    expect(body).toContain('owner `jkim`');
    expect(body).not.toContain('@jkim');
    expect(body).toContain('| No access keys on the cohort’s users | ✅ |');
    expect(body).toContain('| No public buckets | ✅ |');
    expect(body).toContain('| Student access already expired | ✅ |');
    expect(body).toContain('| Trail still logging | ✅ |');
    expect(body).toContain('**Spend this month**: $12.34 of $100.00 budget for seoul');
    expect(report.cohorts[0]?.data).toMatchObject({ status: 'teardown-due', pullRequest: { action: 'opened' } });
  });

  it('marks each failed security check ❌ and warns', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    const user = world.users.get('acme-ws-seoul_s02');
    if (user) user.accessKeys = 2;
    const raw = world.buckets.get('acme-ws-seoul-raw');
    if (raw) raw.policyPublic = true;
    world.buckets.delete('acme-ws-seoul-results');
    const processed = world.buckets.get('acme-ws-seoul-processed');
    if (processed)
      processed.block = { ...(processed.block as NonNullable<typeof processed.block>), restrictPublicBuckets: false };
    world.trails.set('ap-northeast-2/acme-ws-seoul-trail', { isLogging: false });
    const report = await lifecycle(world, '2026-12-13T01:00:00Z');
    const body = world.github.pulls[0]?.body ?? '';
    expect(body).toContain('### Security check (3 failed)');
    expect(body).toContain(
      '| No access keys on the cohort’s users | ❌ | access keys on acme-ws-seoul\\_s02 \\(2\\): delete them |',
    );
    expect(body).toContain(
      '| No public buckets | ❌ | acme-ws-seoul-raw: its policy makes it public, acme-ws-seoul-processed: public access is not fully blocked |',
    );
    expect(body).toContain('| Trail still logging | ❌ |');
    expect(only(report)?.status).toBe('warning');
    expect(only(report)?.problems).toHaveLength(3);
  });

  it('fits the body under GitHub’s limit by giving the cost report the room left', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    const apis = { ...world.apis, costReport: async (_c: unknown, maxChars: number) => 'x'.repeat(maxChars) };
    await lifecycle({ ...world, apis }, '2026-12-13T01:00:00Z');
    const body = world.github.pulls[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(65_000);
  });

  it('is not reopened once closed without merging; teardown then waits, with a warning', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    const due = lifecycleDates(seoul).due.toISOString();
    world.github.addPull({
      title: 'Teardown: seoul',
      head: 'teardown/seoul',
      base: 'main',
      body: `closed for this due date\n<!-- workshop-teardown-due:${due} -->`,
      state: 'closed',
      merged_at: null,
    });
    const report = await lifecycle(world, '2026-12-13T01:00:00Z');
    expect(world.github.pulls).toHaveLength(1);
    expect(world.github.pulls[0]?.state).toBe('closed');
    expect(only(report)?.status).toBe('warning');
    expect(only(report)?.problems[0]).toMatch(/was closed without merging: teardown waits/);
  });

  it('opens a new pull request when teardown was postponed after one was closed for an earlier date', async () => {
    const world = fakeWorld({ mainFiles: ['workshops/seoul.yaml'] });
    seedCohort(world, seoul);
    world.github.addPull({
      title: 'Teardown: seoul',
      head: 'teardown/seoul',
      base: 'main',
      body: 'postponed\n<!-- workshop-teardown-due:2026-12-01T14:59:59.999Z -->',
      state: 'closed',
      merged_at: null,
    });
    await lifecycle(world, '2026-12-13T01:00:00Z');
    expect(world.github.pulls.map((p) => p.state)).toEqual(['closed', 'open']);
  });

  it('reports that no pull request is opened without a GitHub token, and still alerts', async () => {
    const world = fakeWorld({ withGitHub: false });
    seedCohort(world, seoul);
    const report = await lifecycle(world, '2026-12-13T01:00:00Z');
    expect(only(report)?.summary).toContain('teardown pull request not opened: no GitHub token');
    expect(report.notes).toContain('No GitHub token: no tracking issue comment and no teardown pull request.');
    expect(world.alerts.sent).toHaveLength(1);
  });
});
