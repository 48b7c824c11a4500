import { describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clients.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { type TeardownOptions, teardownJob } from '../../../src/jobs/teardown/job.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { type FakeWorld, fakeGit, fakeWorld, STATE_BUCKET, seedCohort, versions } from './fakes.ts';

const gone = testCohort('seoul', { regions: { primary: 'ap-northeast-2', backup: 'ap-northeast-1' } });
const NOW = '2026-12-14T03:00:00Z';
const REMOVED = fakeGit({ 'refs/remotes/origin/main': ['workshops/busan.yaml'], HEAD: ['workshops/busan.yaml'] });

async function prep(world: FakeWorld, options: Partial<TeardownOptions> = {}, cohort: ResolvedCohort = gone) {
  return teardownJob.run(
    { settings: SETTINGS, cohorts: [cohort], ctx: testContext(NOW), aws: new AwsClientFactory(), env: {} },
    {
      mode: 'destroy-prep',
      apply: true,
      sweep: false,
      root: '.',
      cohortId: cohort.id,
      apis: () => world.apis,
      ...options,
    },
  );
}

function seeded(git = REMOVED): FakeWorld {
  const world = fakeWorld({ git });
  seedCohort(world, gone);
  const raw = world.buckets.get('acme-ws-seoul-raw');
  if (raw) raw.entries = versions(2500);
  const replica = world.buckets.get('acme-ws-seoul-raw-dr');
  if (replica) replica.entries = versions(40);
  const noPassword = world.users.get('acme-ws-seoul_s03');
  if (noPassword) noPassword.loginProfile = false;
  return world;
}

describe('teardown --destroy-prep', () => {
  it('archives the final report, removes console passwords and empties every bucket in both regions', async () => {
    const world = seeded();
    const report = await prep(world);
    const [cohort] = report.cohorts;
    expect(cohort?.status).toBe('ok');

    const archived = [...world.reports.objects.keys()];
    expect(archived).toEqual([`${STATE_BUCKET}/ops/reports/seoul/20261214T030000Z-final-report.md`]);
    const markdown = world.reports.objects.get(archived[0] ?? '')?.body ?? '';
    expect(markdown).toMatch(/^# Final report: seoul\n/);
    expect(markdown).toContain('## Security check');
    expect(markdown).toContain('**Spend this month**: $12.34');

    expect([...world.buckets.values()].every((b) => b.entries.length === 0)).toBe(true);
    expect(world.deleteRequests.filter((r) => r.bucket === 'acme-ws-seoul-raw').map((r) => r.count)).toEqual([
      1000, 1000, 500,
    ]);
    expect(world.deleted).toEqual([
      'login-profile:acme-ws-seoul_s01',
      'login-profile:acme-ws-seoul_s02',
      'stop-logging:acme-ws-seoul-trail',
    ]);
    const deletions = (cohort?.data as { deletions: string[] } | undefined)?.deletions;
    expect(deletions).toEqual([
      'console password of IAM user acme-ws-seoul_s01',
      'console password of IAM user acme-ws-seoul_s02',
      'stopped the logging of trail acme-ws-seoul-trail (its bucket is emptied next)',
      's3://acme-ws-seoul-raw: deleted 2500 of 2500 (2000 object version(s), 500 delete marker(s)) in 3 request(s)',
      's3://acme-ws-seoul-processed: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
      's3://acme-ws-seoul-results: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
      's3://acme-ws-seoul-raw-dr: deleted 40 of 40 (32 object version(s), 8 delete marker(s)) in 1 request(s)',
      's3://acme-ws-seoul-processed-dr: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
      's3://acme-ws-seoul-trail: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
    ]);
    // The cost report, security check and archive come before the first deletion: nothing ran before the archive.
    expect(world.costCalls).toEqual([{ cohortId: 'seoul', maxChars: 500_000 }]);
  });

  it('is a dry run without --apply: counts, archives nothing and deletes nothing', async () => {
    const world = seeded();
    const report = await prep(world, { apply: false });
    expect(report.dryRun).toBe(true);
    expect(world.reports.objects.size).toBe(0);
    expect(world.deleted).toEqual([]);
    expect(world.deleteRequests).toEqual([]);
    expect((report.cohorts[0]?.data as { deletions: string[] } | undefined)?.deletions).toContain(
      's3://acme-ws-seoul-raw: would delete 2500 (2000 object version(s), 500 delete marker(s))',
    );
  });

  it('retries keys S3 did not delete and reports a bucket it could not empty', async () => {
    const world = seeded();
    world.flaky.set('acme-ws-seoul-raw', { code: 'SlowDown', times: 2 });
    world.flaky.set('acme-ws-seoul-raw-dr', { code: 'AccessDenied', times: 1 });
    const report = await prep(world);
    expect(world.buckets.get('acme-ws-seoul-raw')?.entries).toEqual([]);
    expect(world.sleeps).toEqual([1000, 2000]);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.problems).toEqual([
      's3://acme-ws-seoul-raw-dr: 4 version(s) could not be deleted (AccessDenied: scripted); terraform destroy will fail on this bucket',
    ]);
  });

  it.each([
    [
      'the cohort file is still on main',
      fakeGit({ 'refs/remotes/origin/main': ['workshops/seoul.yaml'], HEAD: [] }),
      /workshops\/seoul\.yaml is still on main \(commit refs\/remotes\): teardown destroys a cohort only after/,
    ],
    [
      'the checked-out commit still has it',
      fakeGit({ 'refs/heads/main': [], HEAD: ['workshops/seoul.yaml'] }),
      /still on main \(commit HEAD-sha\)/,
    ],
    [
      'there is no main branch to check',
      fakeGit({ HEAD: [] }),
      /cannot tell whether workshops\/seoul\.yaml is still on main/,
    ],
  ])('refuses, deleting nothing, when %s', async (_name, git, message) => {
    const world = seeded(git);
    const report = await prep(world);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.problems[0]).toMatch(message);
    expect(world.deleted).toEqual([]);
    expect(world.deleteRequests).toEqual([]);
    expect(world.reports.objects.size).toBe(0);
  });

  it('refuses everything when one bucket or user lacks either tag, before any deletion', async () => {
    const world = seeded();
    const trail = world.buckets.get('acme-ws-seoul-trail');
    if (trail) delete trail.tags['managed-by'];
    const user = world.users.get('acme-ws-seoul_s02');
    if (user) user.tags['workshop:cohort'] = 'busan';
    const report = await prep(world);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.problems).toEqual([
      'refused: IAM user acme-ws-seoul_s02 lacks workshop:cohort=seoul: its console password is not removed',
      'refused: bucket acme-ws-seoul-trail lacks managed-by=workshop-gitops: it is not emptied',
    ]);
    expect(world.deleted).toEqual([]);
    expect(world.deleteRequests).toEqual([]);
    expect(world.buckets.get('acme-ws-seoul-raw')?.entries).toHaveLength(2500);
  });

  it('refuses, stopping no trail, when the trail lacks either tag; a tagged trail is stopped', async () => {
    const world = seeded();
    const key = `${gone.regions.primary}/acme-ws-seoul-trail`;
    world.trailTags.set(key, { 'workshop:cohort': 'seoul' });
    const report = await prep(world);
    expect(report.cohorts[0]?.problems).toEqual([
      'refused: trail acme-ws-seoul-trail lacks managed-by=workshop-gitops: its logging is not stopped',
    ]);
    expect(world.trails.get(key)?.isLogging).toBe(true);
    expect(world.deleted).toEqual([]);

    const tagged = seeded();
    await prep(tagged);
    expect(tagged.trails.get(key)?.isLogging).toBe(false);
  });

  it('skips buckets that are already gone', async () => {
    const world = seeded();
    world.buckets.delete('acme-ws-seoul-processed-dr');
    const report = await prep(world);
    expect(report.cohorts[0]?.status).toBe('ok');
    // The failover results bucket is always looked for in the backup region; this cohort never failed over.
    expect((report.cohorts[0]?.data as { gone: string[] } | undefined)?.gone).toEqual([
      'acme-ws-seoul-processed-dr',
      'acme-ws-seoul-results-dr',
    ]);
  });

  it.each([
    [undefined, /a cohort id is required/],
    ['*', /contains wildcard characters/],
    ['seo?l', /contains wildcard characters/],
    ['seoul busan', /contains spaces/],
    ['', /a cohort id is required/],
  ])('refuses the cohort id %j before anything runs', async (cohortId, message) => {
    const world = seeded();
    const options: Partial<TeardownOptions> = cohortId === undefined ? {} : { cohortId };
    const run = teardownJob.run(
      { settings: SETTINGS, cohorts: [gone], ctx: testContext(NOW), aws: new AwsClientFactory(), env: {} },
      { mode: 'destroy-prep', apply: true, sweep: false, root: '.', apis: () => world.apis, ...options },
    );
    await expect(run).rejects.toThrow(message);
    expect(world.deleteRequests).toEqual([]);
  });
});
