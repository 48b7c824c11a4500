import { afterEach, describe, expect, it } from 'vitest';
import { jobCommand } from '../../../scripts/cli/job-command.ts';
import { restoreSpec } from '../../../scripts/commands/restore.ts';
import { main } from '../../../scripts/workshop.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import {
  awsError,
  LOOPBACK_CREDENTIALS,
  type Loopback,
  queryResult,
  startLoopback,
} from '../../support/aws-loopback.ts';
import { ACCOUNT } from '../common/cohorts.ts';
import { captureCli, runCommand } from './cli-io.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

const PREFIX = 'students/acme-ws-test-cohort_s01/';
const VERSIONS = `<ListVersionsResult><IsTruncated>false</IsTruncated>
<Version><Key>${PREFIX}notes.csv</Key><VersionId>n1</VersionId><IsLatest>false</IsLatest><LastModified>2026-12-08T04:00:00.000Z</LastModified><Size>5</Size><StorageClass>STANDARD</StorageClass></Version>
<DeleteMarker><Key>${PREFIX}notes.csv</Key><VersionId>del</VersionId><IsLatest>true</IsLatest><LastModified>2026-12-08T06:00:00.000Z</LastModified></DeleteMarker>
</ListVersionsResult>`;

describe('workshop restore', () => {
  it('refuses a time without an offset, a missing bucket, and an empty prefix without --all, before any request', async () => {
    const root = await makeRepo({ 'workshops/test-cohort.yaml': cohortYaml() });
    const base = ['restore', '--cohort', 'test-cohort', '--bucket', 'processed', '--prefix', PREFIX];
    const cases: [string[], string][] = [
      [[...base, '--at', '2026-12-08T14:30:00'], 'with an offset, such as 2026-12-08T14:30:00+09:00'],
      [['restore', '--cohort', 'test-cohort', '--at', '2026-12-08T14:30:00Z'], 'the bucket must be raw or processed'],
      [
        ['restore', '--cohort', 'test-cohort', '--bucket', 'raw', '--prefix', '', '--at', '2026-12-08T14:30:00Z'],
        'to restore the whole bucket say --all',
      ],
      [['restore', '--bucket', 'raw', '--at', '2026-12-08T14:30:00Z', '--all'], '--cohort is required'],
    ];
    for (const [argv, message] of cases) {
      const { io: cli, out } = captureCli(root);
      const code = await main(argv, cli);
      expect(code, argv.join(' ')).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('says in --help that --cohort is required, as it is', async () => {
    const { io: cli, out } = captureCli(process.cwd());
    expect(await main(['restore', '--help'], cli)).toBe(0);
    expect(out.stdout).toMatch(/^Usage: workshop restore --cohort ID \[--dry-run\]/);
    expect(out.stdout).toMatch(/^ {2}--cohort ID +the cohort to work on \(required\)$/m);
    expect(out.stdout).not.toContain('every valid cohort');
    const blank = captureCli(process.cwd());
    expect(
      await main(['restore', '--cohort', ' ', '--bucket', 'raw', '--all', '--at', '2026-12-08T00:00:00Z'], blank.io),
    ).toBe(2);
    expect(blank.out.stderr).toBe('workshop restore: --cohort is required: restore works on one cohort\n');
  });

  it('undeletes through the real SDK, with --apply only, and never sends a DELETE', async () => {
    loopback = await startLoopback((r) => {
      if (r.service === 'sts') return queryResult('GetCallerIdentity', { Account: ACCOUNT, Arn: 'arn', UserId: 'u' });
      if (r.service === 's3' && r.method === 'GET' && r.query.has('versions')) {
        return { status: 200, headers: { 'content-type': 'application/xml' }, body: VERSIONS };
      }
      if (r.service === 's3' && r.method === 'PUT' && r.headers['x-amz-copy-source'] !== undefined) {
        return {
          status: 200,
          headers: { 'content-type': 'application/xml', 'x-amz-version-id': 'n2' },
          body: '<CopyObjectResult><ETag>"e"</ETag><LastModified>2026-12-08T09:00:00.000Z</LastModified></CopyObjectResult>',
        };
      }
      return awsError(r.service, 'UnknownOperation', `${r.method} ${r.path}`);
    });
    const root = await makeRepo({ 'workshops/test-cohort.yaml': cohortYaml() });
    const command = jobCommand(restoreSpec, {
      now: () => new Date('2026-12-08T09:00:00Z'),
      clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
      probe: async () => ({}),
    });
    const argv = [
      '--cohort',
      'test-cohort',
      '--bucket',
      'processed',
      '--prefix',
      PREFIX,
      '--at',
      '2026-12-08T14:30:00+09:00',
    ];
    const dry = await runCommand(command, argv, root);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('1 to undelete, 0 to revert');
    const copies = () => loopback?.requests.filter((r) => r.headers['x-amz-copy-source'] !== undefined) ?? [];
    expect(copies()).toEqual([]);

    const applied = await runCommand(command, [...argv, '--apply', '--format', 'json'], root);
    expect(applied.code).toBe(0);
    expect(copies().map((r) => [r.path, r.headers['x-amz-copy-source']])).toEqual([
      [
        `/acme-ws-test-cohort-processed/${PREFIX}notes.csv`,
        `acme-ws-test-cohort-processed/students/acme-ws-test-cohort_s01/notes.csv?versionId=n1`,
      ],
    ]);
    const report = JSON.parse(applied.stdout) as {
      cohorts: { data: { steps: { result?: string; newVersionId?: string }[] } }[];
    };
    expect(report.cohorts[0]?.data.steps[0]).toMatchObject({ result: 'copied', newVersionId: 'n2' });
    expect(loopback.requests.filter((r) => r.method === 'DELETE' || r.query.has('delete'))).toEqual([]);
  });
});
