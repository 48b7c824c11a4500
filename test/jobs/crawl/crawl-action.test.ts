import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../actions/run-action.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import {
  awsError,
  json,
  LOOPBACK_CREDENTIALS,
  type Loopback,
  memoryObjects,
  queryResult,
  startLoopback,
} from '../../support/aws-loopback.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

const load = () => import('../../../actions/crawl/main.ts');

const withDataset = cohortYaml().replace(
  'students:',
  'datasets:\n  - name: trips\n    source: trips.csv\n    format: csv\n    columns:\n      - { name: trip_id, type: bigint }\nstudents:',
);

describe('actions/crawl', () => {
  it('fails the step and names the cohort when the catalog does not match, with the report in the summary', async () => {
    const objects = memoryObjects();
    loopback = await startLoopback((r) => {
      const s3 = objects.handle(r);
      if (s3 !== undefined) return s3;
      if (r.service === 'sts')
        return queryResult('GetCallerIdentity', { Account: '123456789012', Arn: 'a', UserId: 'u' });
      if (r.service === 'sns') return queryResult('Publish', { MessageId: 'p' });
      if (r.operation === 'BatchGetCrawlers')
        return json({ Crawlers: [{ Name: 'acme-ws-test-cohort-trips', State: 'READY' }] });
      if (r.operation === 'GetTables') {
        return json({
          TableList: [{ Name: 'trips', StorageDescriptor: { Columns: [{ Name: 'trip_id', Type: 'string' }] } }],
        });
      }
      return awsError(r.service, 'UnknownOperation', r.operation);
    });
    const root = await makeRepo({ 'workshops/test-cohort.yaml': withDataset, 'workshops/trips.csv': 'trip_id\n1\n' });
    const result = await runAction(load, {
      action: 'crawl',
      inputs: { 'dry-run': 'true' },
      cwd: root,
      deps: {
        now: () => new Date('2026-12-08T00:00:00Z'),
        sleep: async () => {},
        clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
        probe: async () => ({}),
      },
    });
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({ 'failed-cohorts': 'test-cohort' });
    expect(result.summary).toContain('trips: column trip\\_id is string in the table, declared bigint');
    expect(result.commands.join('\n')).toContain('::error::the crawl failed for test-cohort: see the job summary');
  });

  it('rejects a timeout that is not a positive number', async () => {
    const root = await makeRepo({});
    const result = await runAction(load, { action: 'crawl', inputs: { 'timeout-minutes': 'soon' }, cwd: root });
    expect(result.commands.join('\n')).toContain(
      '::error::timeout-minutes must be a number of minutes above 0 and at most 300; got "soon"',
    );
  });
});
