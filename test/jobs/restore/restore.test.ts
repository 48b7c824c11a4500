import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clients.ts';
import { ConfigError } from '../../../src/jobs/common/config-error.ts';
import { restoreJob } from '../../../src/jobs/restore/job.ts';
import type { AppliedStep, RestoreRequest } from '../../../src/jobs/restore/restore.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';

const s3 = mockClient(S3Client);
let aws: AwsClientFactory;
beforeEach(() => {
  s3.reset();
  aws = new AwsClientFactory();
});
afterEach(() => aws.destroy());

const BUCKET = 'acme-ws-seoul-1-processed';
const PREFIX = 'students/acme-ws-seoul-1_s07/';
const AT = new Date('2026-12-08T05:30:00Z');
const t = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);

/** Two pages: s07's folder as it is now, after a bad afternoon. */
const PAGES: ListObjectVersionsCommandOutput[] = [
  {
    $metadata: {},
    IsTruncated: true,
    NextKeyMarker: `${PREFIX}b.csv`,
    NextVersionIdMarker: 'b1',
    Versions: [
      { Key: `${PREFIX}a.csv`, VersionId: 'a1', LastModified: t(-60), IsLatest: false, Size: 5 },
      { Key: `${PREFIX}b.csv`, VersionId: 'b2', LastModified: t(10), IsLatest: true, Size: 5 },
      { Key: `${PREFIX}b.csv`, VersionId: 'b1', LastModified: t(-30), IsLatest: false, Size: 5 },
    ],
    // a.csv was deleted at 14:45 Seoul time.
    DeleteMarkers: [{ Key: `${PREFIX}a.csv`, VersionId: 'a-del', LastModified: t(15), IsLatest: true }],
  },
  {
    $metadata: {},
    IsTruncated: false,
    Versions: [
      { Key: `${PREFIX}c.csv`, VersionId: 'c1', LastModified: t(20), IsLatest: true, Size: 5 },
      { Key: `${PREFIX}d.csv`, VersionId: 'd1', LastModified: t(-5), IsLatest: true, Size: 5 },
    ],
  },
];

function request(over: Partial<RestoreRequest> = {}): RestoreRequest {
  return { bucket: 'processed', prefix: PREFIX, all: false, at: AT, apply: false, ...over };
}

async function restore(over: Partial<RestoreRequest> = {}, dryRun = false) {
  s3.on(ListObjectVersionsCommand)
    .resolvesOnce(PAGES[0] ?? { $metadata: {} })
    .resolvesOnce(PAGES[1] ?? { $metadata: {} });
  s3.on(CopyObjectCommand).callsFake((input: { Key: string }) => ({ VersionId: `new-${input.Key.slice(-5)}` }));
  const ctx = testContext('2026-12-08T09:00:00Z', dryRun);
  const cohorts = [testCohort('seoul-1')];
  return restoreJob.run({ settings: SETTINGS, cohorts, ctx, aws, env: {} }, request(over));
}

const stepsOf = (data: unknown) => (data as { steps: AppliedStep[] }).steps;

function assertNothingDeleted() {
  expect(s3.commandCalls(DeleteObjectCommand)).toEqual([]);
  expect(s3.commandCalls(DeleteObjectsCommand)).toEqual([]);
  expect(
    s3
      .calls()
      .map((c) => c.args[0].constructor.name)
      .filter((name) => name.startsWith('Delete')),
  ).toEqual([]);
}

describe('restore', () => {
  it('lists what it would change on a dry run, and copies nothing', async () => {
    const report = await restore();
    const c = report.cohorts[0];
    expect(c?.status).toBe('ok');
    expect(c?.summary).toBe(
      `dry run for s3://${BUCKET}/${PREFIX} at 2026-12-08T05:30:00.000Z: 1 to undelete, 1 to revert, 1 newer kept, 0 blocked, 1 unchanged; run again with --apply to copy`,
    );
    expect(stepsOf(c?.data).map((s) => [s.key.slice(PREFIX.length), s.action, s.versionAt ?? null])).toEqual([
      ['a.csv', 'undelete', 'a1'],
      ['b.csv', 'revert', 'b1'],
      ['c.csv', 'kept-newer', null],
      ['d.csv', 'unchanged', 'd1'],
    ]);
    expect(s3.commandCalls(ListObjectVersionsCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: BUCKET, MaxKeys: 1000, Prefix: PREFIX },
      { Bucket: BUCKET, MaxKeys: 1000, Prefix: PREFIX, KeyMarker: `${PREFIX}b.csv`, VersionIdMarker: 'b1' },
    ]);
    expect(s3.commandCalls(CopyObjectCommand)).toEqual([]);
    assertNothingDeleted();
  });

  it('with apply, copies the version of that time over each changed key, and deletes nothing', async () => {
    const report = await restore({ apply: true });
    expect(report.cohorts[0]?.status).toBe('ok');
    const copies = s3.commandCalls(CopyObjectCommand).map((call) => call.args[0].input);
    expect(copies).toEqual([
      {
        Bucket: BUCKET,
        Key: `${PREFIX}a.csv`,
        CopySource: `${BUCKET}/students/acme-ws-seoul-1_s07/a.csv?versionId=a1`,
        MetadataDirective: 'COPY',
        TaggingDirective: 'COPY',
      },
      {
        Bucket: BUCKET,
        Key: `${PREFIX}b.csv`,
        CopySource: `${BUCKET}/students/acme-ws-seoul-1_s07/b.csv?versionId=b1`,
        MetadataDirective: 'COPY',
        TaggingDirective: 'COPY',
      },
    ]);
    // The key created after that time is reported, and kept.
    expect(stepsOf(report.cohorts[0]?.data).find((s) => s.key.endsWith('c.csv'))).toMatchObject({
      action: 'kept-newer',
      reason: 'did not exist at that time; kept (a restore never deletes)',
    });
    assertNothingDeleted();
  });

  it('does not copy on --dry-run even with apply', async () => {
    await restore({ apply: true }, true);
    expect(s3.commandCalls(CopyObjectCommand)).toEqual([]);
  });

  it('fails the cohort when a copy fails, and still makes the others', async () => {
    s3.on(CopyObjectCommand).resolves({ VersionId: 'new' });
    s3.on(CopyObjectCommand, { Key: `${PREFIX}a.csv` }).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'no',
      }),
    );
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce(PAGES[0] ?? { $metadata: {} })
      .resolvesOnce(PAGES[1] ?? { $metadata: {} });
    const ctx = testContext('2026-12-08T09:00:00Z');
    const report = await restoreJob.run(
      { settings: SETTINGS, cohorts: [testCohort('seoul-1')], ctx, aws, env: {} },
      request({ apply: true }),
    );
    expect(report.cohorts[0]?.status).toBe('failed');
    expect(report.cohorts[0]?.problems).toEqual([`${PREFIX}a.csv: the copy of version a1 failed: no`]);
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(2);
    assertNothingDeleted();
  });

  it('refuses a whole bucket without --all, a time in the future, and more than one cohort', async () => {
    const ctx = testContext('2026-12-08T09:00:00Z');
    const env = { settings: SETTINGS, ctx, aws, env: {} };
    await expect(restoreJob.run({ ...env, cohorts: [testCohort('seoul-1')] }, request({ prefix: '' }))).rejects.toThrow(
      /to restore the whole bucket say --all/,
    );
    await expect(
      restoreJob.run({ ...env, cohorts: [testCohort('seoul-1')] }, request({ at: new Date('2026-12-09T00:00:00Z') })),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(
      restoreJob.run({ ...env, cohorts: [testCohort('cohort-a'), testCohort('cohort-b')] }, request()),
    ).rejects.toThrow(/one cohort at a time/);
    expect(s3.calls()).toEqual([]);
  });
});
