import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../actions/run-action.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { LOOPBACK_CREDENTIALS, type Loopback, queryResult, startLoopback } from '../../support/aws-loopback.ts';
import { ACCOUNT } from '../common/cohorts.ts';
import { drWorld, type LoopBucket } from './loopback-world.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

const load = () => import('../../../actions/dr-audit/main.ts');
const withBackup = cohortYaml().replace(
  '  primary: ap-northeast-2\n',
  '  primary: ap-northeast-2\n  backup: ap-southeast-1\n',
);

describe('actions/dr-audit', () => {
  it('fails the step and names the cohort when an object failed to replicate', async () => {
    const buckets = new Map<string, LoopBucket>([
      [
        'acme-ws-test-cohort-raw',
        {
          objects: [
            { key: 'trips/a.csv', versionId: 'v1', lastModified: '2026-12-08T01:00:00.000Z', status: 'FAILED' },
          ],
        },
      ],
      ['acme-ws-test-cohort-raw-dr', { replicaOf: 'acme-ws-test-cohort-raw', objects: [] }],
      ['acme-ws-test-cohort-processed', { objects: [] }],
      ['acme-ws-test-cohort-processed-dr', { replicaOf: 'acme-ws-test-cohort-processed', objects: [] }],
    ]);
    const world = drWorld(buckets);
    loopback = await startLoopback((r) =>
      r.service === 'sts'
        ? queryResult('GetCallerIdentity', { Account: ACCOUNT, Arn: 'a', UserId: 'u' })
        : world.handler(r),
    );
    const root = await makeRepo({ 'workshops/test-cohort.yaml': withBackup });
    const result = await runAction(load, {
      action: 'dr-audit',
      inputs: { 'dry-run': 'true' },
      cwd: root,
      deps: {
        now: () => new Date('2026-12-08T03:00:00Z'),
        clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
        probe: async () => ({}),
      },
    });
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({ 'failed-cohorts': 'test-cohort' });
    expect(result.summary).toContain('FAILED to replicate');
    expect(result.commands.join('\n')).toContain('::error::the DR audit failed for test-cohort: see the job summary');
    // A dry run sends nothing and stores nothing.
    expect(world.published).toEqual([]);
    expect(world.state.objects.size).toBe(0);
  });

  it('rejects a sample size out of range', async () => {
    const root = await makeRepo({});
    const result = await runAction(load, { action: 'dr-audit', inputs: { 'sample-size': '0' }, cwd: root });
    expect(result.commands.join('\n')).toContain('::error::sample-size must be a whole number from 1 to 1000; got "0"');
  });
});

describe('actions/dr-drill and actions/restore', () => {
  it('reject a timeout beyond the ops role session, and a time without an offset', async () => {
    const root = await makeRepo({});
    const drill = await runAction(() => import('../../../actions/dr-drill/main.ts'), {
      action: 'dr-drill',
      inputs: { 'timeout-minutes': '90' },
      cwd: root,
    });
    expect(drill.commands.join('\n')).toContain(
      '::error::timeout-minutes must be a number of minutes above 0 and at most 45; got "90"',
    );
    const restore = await runAction(() => import('../../../actions/restore/main.ts'), {
      action: 'restore',
      inputs: { cohort: 'test-cohort', bucket: 'raw', prefix: 'x/', at: '2026-12-08T14:30:00' },
      cwd: root,
    });
    expect(restore.commands.join('\n')).toContain('::error::--at must be an ISO date and time with an offset');
    const noCohort = await runAction(() => import('../../../actions/restore/main.ts'), {
      action: 'restore',
      inputs: { bucket: 'raw', prefix: 'x/', at: '2026-12-08T14:30:00Z' },
      cwd: root,
    });
    expect(noCohort.commands.join('\n')).toContain('::error::cohort is required');
  });
});
