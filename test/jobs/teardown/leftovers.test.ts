import { describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clients.ts';
import type { TaggedResource } from '../../../src/aws/tagged-resources.ts';
import { type TeardownOptions, teardownJob } from '../../../src/jobs/teardown/job.ts';
import type { Leftover } from '../../../src/jobs/teardown/leftovers.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { cohortTagsOf, type FakeWorld, FULL_BLOCK, fakeGit, fakeWorld, versions } from './fakes.ts';

const gone = testCohort('seoul', { regions: { primary: 'ap-northeast-2', backup: 'ap-northeast-1' } });
const BOTH = cohortTagsOf('seoul');
const ONLY_COHORT = { 'workshop:cohort': 'seoul' };

async function leftovers(world: FakeWorld, options: Partial<TeardownOptions> = {}) {
  return teardownJob.run(
    {
      settings: SETTINGS,
      cohorts: [gone],
      ctx: testContext('2026-12-14T04:00:00Z'),
      aws: new AwsClientFactory(),
      env: {},
    },
    { mode: 'leftovers', apply: true, sweep: false, root: '.', cohortId: 'seoul', apis: () => world.apis, ...options },
  );
}

function resource(arn: string, tags: Record<string, string>): TaggedResource {
  return { arn, tags };
}

/** After a destroy: a topic and a student's Glue job with both tags, a key and a log group of unknown kinds, a
 * workgroup someone created by hand (cohort tag only), a bucket whose own tags lost managed-by, one full bucket
 * still there, and one the tagging API still lists though it is gone. */
function afterDestroy(git = fakeGit({ 'refs/remotes/origin/main': [], HEAD: [] })): FakeWorld {
  const world = fakeWorld({ git });
  world.tagged.set('ap-northeast-2', [
    resource('arn:aws:sns:ap-northeast-2:123456789012:acme-ws-seoul-alerts', BOTH),
    resource('arn:aws:glue:ap-northeast-2:123456789012:job/acme-ws-seoul_s01_clean', BOTH),
    resource('arn:aws:kms:ap-northeast-2:123456789012:key/1111-2222', BOTH),
    resource('arn:aws:athena:ap-northeast-2:123456789012:workgroup/seoul-scratch', ONLY_COHORT),
    resource('arn:aws:s3:::acme-ws-seoul-raw', BOTH),
    resource('arn:aws:s3:::acme-ws-seoul-results', BOTH),
    resource('arn:aws:s3:::acme-ws-seoul-trail', BOTH),
  ]);
  world.tagged.set('ap-northeast-1', [resource('arn:aws:s3:::acme-ws-seoul-raw-dr', BOTH)]);
  world.buckets.set('acme-ws-seoul-raw', {
    region: 'ap-northeast-2',
    tags: { ...BOTH },
    entries: versions(1200),
    block: FULL_BLOCK,
  });
  world.buckets.set('acme-ws-seoul-results', {
    region: 'ap-northeast-2',
    tags: { ...ONLY_COHORT },
    entries: [],
    block: FULL_BLOCK,
  });
  world.buckets.set('acme-ws-seoul-raw-dr', {
    region: 'ap-northeast-1',
    tags: { ...BOTH },
    entries: [],
    block: FULL_BLOCK,
  });
  return world;
}

const outcomes = (report: Awaited<ReturnType<typeof leftovers>>) =>
  Object.fromEntries(
    ((report.cohorts[0]?.data as { leftovers: Leftover[] } | undefined)?.leftovers ?? []).map((l) => [
      l.arn,
      l.outcome,
    ]),
  );

describe('teardown --leftovers', () => {
  it('lists what still carries the cohort tag in both regions, and fails while anything is left', async () => {
    const world = afterDestroy();
    const report = await leftovers(world);
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(outcomes(report)).toEqual({
      'arn:aws:sns:ap-northeast-2:123456789012:acme-ws-seoul-alerts': 'listed',
      'arn:aws:glue:ap-northeast-2:123456789012:job/acme-ws-seoul_s01_clean': 'listed',
      'arn:aws:kms:ap-northeast-2:123456789012:key/1111-2222': 'listed',
      'arn:aws:athena:ap-northeast-2:123456789012:workgroup/seoul-scratch': 'listed',
      'arn:aws:s3:::acme-ws-seoul-raw': 'listed',
      'arn:aws:s3:::acme-ws-seoul-results': 'listed',
      // The tagging API lags: the bucket itself is gone.
      'arn:aws:s3:::acme-ws-seoul-trail': 'gone',
      'arn:aws:s3:::acme-ws-seoul-raw-dr': 'listed',
    });
    expect(world.deleted).toEqual([]);
  });

  it('is clean when nothing carries the tag', async () => {
    const report = await leftovers(fakeWorld());
    expect(report.cohorts[0]).toMatchObject({
      status: 'ok',
      summary: 'nothing carries workshop:cohort=seoul any more',
    });
  });

  it('sweeps only what carries both tags, empties buckets before deleting them, and lists the rest', async () => {
    const world = afterDestroy();
    const report = await leftovers(world, { sweep: true });
    expect(outcomes(report)).toEqual({
      'arn:aws:sns:ap-northeast-2:123456789012:acme-ws-seoul-alerts': 'deleted',
      'arn:aws:glue:ap-northeast-2:123456789012:job/acme-ws-seoul_s01_clean': 'deleted',
      'arn:aws:kms:ap-northeast-2:123456789012:key/1111-2222': 'manual',
      'arn:aws:athena:ap-northeast-2:123456789012:workgroup/seoul-scratch': 'not touched',
      'arn:aws:s3:::acme-ws-seoul-raw': 'deleted',
      'arn:aws:s3:::acme-ws-seoul-results': 'not touched',
      'arn:aws:s3:::acme-ws-seoul-trail': 'gone',
      'arn:aws:s3:::acme-ws-seoul-raw-dr': 'deleted',
    });
    expect(world.deleted).toEqual([
      'sns-topic:acme-ws-seoul-alerts',
      'glue-job:acme-ws-seoul_s01_clean',
      'bucket:acme-ws-seoul-raw',
      'bucket:acme-ws-seoul-raw-dr',
    ]);
    expect(world.deleteRequests.filter((r) => r.bucket === 'acme-ws-seoul-raw').map((r) => r.count)).toEqual([
      1000, 200,
    ]);
    expect(world.buckets.has('acme-ws-seoul-results')).toBe(true);
    const [cohort] = report.cohorts;
    expect(cohort?.status).toBe('failed');
    expect(cohort?.problems).toEqual([
      'arn:aws:kms:ap-northeast-2:123456789012:key/1111-2222: manual: no automatic deletion for this type: delete it by hand',
      "arn:aws:athena:ap-northeast-2:123456789012:workgroup/seoul-scratch: not touched: lacks managed-by=workshop-gitops: delete it by hand if it is the cohort's",
      "arn:aws:s3:::acme-ws-seoul-results: not touched: lacks managed-by=workshop-gitops: delete it by hand if it is the cohort's",
    ]);
    expect(cohort?.blocks.find((b) => b.kind === 'list')).toEqual({
      kind: 'list',
      title: 'Deletions made',
      items: [
        'arn:aws:sns:ap-northeast-2:123456789012:acme-ws-seoul-alerts',
        'arn:aws:glue:ap-northeast-2:123456789012:job/acme-ws-seoul_s01_clean',
        'arn:aws:s3:::acme-ws-seoul-raw',
        'arn:aws:s3:::acme-ws-seoul-raw-dr',
      ],
    });
  });

  it('never touches a resource missing either tag, whatever the tagging API claims', async () => {
    const world = fakeWorld();
    world.tagged.set('ap-northeast-2', [
      resource('arn:aws:sns:ap-northeast-2:1:acme-ws-seoul-a', ONLY_COHORT),
      resource('arn:aws:sns:ap-northeast-2:1:acme-ws-seoul-b', {
        'managed-by': 'someone-else',
        'workshop:cohort': 'seoul',
      }),
      resource('arn:aws:s3:::acme-ws-seoul-raw', BOTH),
    ]);
    // The bucket's own tags say another cohort: the tagging API's copy is stale.
    world.buckets.set('acme-ws-seoul-raw', {
      region: 'ap-northeast-2',
      tags: cohortTagsOf('busan'),
      entries: versions(3),
      block: FULL_BLOCK,
    });
    const report = await leftovers(world, { sweep: true });
    expect(world.deleted).toEqual([]);
    expect(world.deleteRequests).toEqual([]);
    expect(Object.values(outcomes(report))).toEqual(['not touched', 'not touched', 'not touched']);
  });

  it('sweeps nothing without --apply, and refuses a sweep while the cohort file is on main', async () => {
    const dry = afterDestroy();
    const report = await leftovers(dry, { sweep: true, apply: false });
    expect(dry.deleted).toEqual([]);
    expect(Object.values(outcomes(report)).filter((o) => o === 'would delete')).toHaveLength(4);

    const live = afterDestroy(
      fakeGit({ 'refs/remotes/origin/main': ['workshops/seoul.yaml'], HEAD: ['workshops/seoul.yaml'] }),
    );
    const refused = await leftovers(live, { sweep: true });
    expect(refused.cohorts[0]?.problems[0]).toMatch(/^refused: workshops\/seoul\.yaml is still on main/);
    expect(live.deleted).toEqual([]);
  });

  it('refuses --sweep without --leftovers', async () => {
    const world = fakeWorld();
    await expect(leftovers(world, { mode: 'destroy-prep', sweep: true })).rejects.toThrow(
      '--sweep only goes with --leftovers',
    );
  });
});
