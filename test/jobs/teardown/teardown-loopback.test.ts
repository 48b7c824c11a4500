import { parseArgs } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { jobCommand } from '../../../scripts/cli/job-command.ts';
import { teardownSpec } from '../../../scripts/commands/teardown.ts';
import { AwsClientFactory } from '../../../src/aws/clients.ts';
import { githubRest } from '../../../src/github/github-rest.ts';
import type { TeardownApis } from '../../../src/jobs/teardown/apis.ts';
import { type TeardownOptions, teardownJob } from '../../../src/jobs/teardown/job.ts';
import { cohortYaml, SETTINGS_YAML } from '../../cohort/temp-repo.ts';
import { BOT, FakeRepoGitHub } from '../../github/fake-repo-github.ts';
import { TempGitRepo } from '../../github/temp-git-repo.ts';
import { LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../../support/aws-loopback.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import { type LoopBucket, type LoopUser, loopEntries, teardownWorld } from './loopback-world.ts';

let loopback: Loopback | undefined;
let aws: AwsClientFactory | undefined;
let repo: TempGitRepo | undefined;
afterEach(async () => {
  aws?.destroy();
  await loopback?.close();
  repo?.dispose();
  aws = undefined;
  loopback = undefined;
  repo = undefined;
});

const fakeCost = (production: () => TeardownApis): TeardownApis => ({
  ...production(),
  costReport: async (cohort) => `**Spend this month**: $3.21 for ${cohort.id}`,
});

function cohortResources(cohortId: string, raw: string[] = []) {
  const users = new Map<string, LoopUser>([
    [`acme-ws-${cohortId}_s01`, { cohortId, accessKeys: 0, loginProfile: true }],
    [`acme-ws-${cohortId}_s02`, { cohortId, accessKeys: 0, loginProfile: true }],
    [`acme-ws-${cohortId}_s03`, { cohortId, accessKeys: 0, loginProfile: false }],
  ]);
  const buckets = new Map<string, LoopBucket>(
    ['raw', 'processed', 'results', 'trail'].map((role) => [
      `acme-ws-${cohortId}-${role}`,
      { cohortId, entries: role === 'raw' ? raw : [] },
    ]),
  );
  return { users, buckets };
}

describe('teardown through the real SDK clients', () => {
  it('opens both teardown pull requests despite throttling and a 500; one cohort’s permanent error spares the other', async () => {
    const seoul = cohortResources('seoul');
    const tokyo = cohortResources('tokyo');
    const world = teardownWorld({
      users: new Map([...seoul.users, ...tokyo.users]),
      buckets: new Map([...seoul.buckets, ...tokyo.buckets]),
      deniedSns: ['ap-northeast-1'],
    });
    loopback = await startLoopback(world.handler);
    loopback.fault({ service: 'iam', operation: 'ListAccessKeys', times: 3, kind: 'throttle' });
    loopback.fault({ service: 's3', times: 1, kind: 'server-error' });
    loopback.fault({ service: 'cloudtrail', times: 1, kind: 'throttle' });
    aws = new AwsClientFactory({ endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS });
    const github = new FakeRepoGitHub(['workshops/seoul.yaml', 'workshops/tokyo.yaml']);
    const cohorts = [testCohort('seoul'), testCohort('tokyo', { regions: { primary: 'ap-northeast-1' } })];

    const report = await teardownJob.run(
      { settings: SETTINGS, cohorts, ctx: testContext('2026-12-13T01:00:00Z'), aws, env: {} },
      {
        mode: 'lifecycle',
        apply: true,
        sweep: false,
        root: '.',
        github: { rest: githubRest({ token: 't', fetch: github.fetch, sleep: async () => {} }), author: BOT },
        sleep: async () => {},
        apis: fakeCost,
      },
    );

    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['seoul', 'ok'],
      ['tokyo', 'failed'],
    ]);
    expect(report.cohorts[1]?.problems[0]).toMatch(
      /^the notices could not be sent to the topic: alert delivery failed: SNS arn:aws:sns:ap-northeast-1:123456789012:acme-ws-tokyo-alerts: User is not authorized/,
    );
    expect(github.pulls.map((p) => p.head).sort()).toEqual(['teardown/seoul', 'teardown/tokyo']);
    for (const pull of github.pulls) {
      expect(pull.body).toContain('| No access keys on the cohort’s users | ✅ | 3 user\\(s\\) under /workshops/');
      expect(pull.body).toContain('| Trail still logging | ✅ |');
    }
    expect(world.published.map((p) => p.region)).toEqual(['ap-northeast-2']);
    expect(world.published[0]?.message).toContain('Cohort seoul: teardown is due; review pull request #');
    // The state of both cohorts was written (the failed channel is retried next run).
    expect([...world.state.objects.keys()].sort()).toEqual([
      'acme-workshops-terraform-state/ops/seoul/teardown.json',
      'acme-workshops-terraform-state/ops/tokyo/teardown.json',
    ]);
    const accessKeyCalls = loopback.requests.filter((r) => r.operation === 'ListAccessKeys');
    expect(accessKeyCalls).toHaveLength(6 + 3);
  });

  it('prepares the destroy of a removed cohort from the CLI: archive, passwords, 2,500 versions emptied', async () => {
    repo = new TempGitRepo();
    repo.write('workshops/_settings.yaml', SETTINGS_YAML);
    repo.write('workshops/seoul.yaml', cohortYaml('seoul'));
    repo.commit('cohort');
    repo.remove('workshops/seoul.yaml');
    repo.commit('teardown seoul');
    // As the apply workflow's restore-deleted step leaves it.
    repo.write('workshops/seoul.yaml', cohortYaml('seoul'));

    const { users, buckets } = cohortResources('seoul', loopEntries(2500));
    const raw = buckets.get('acme-ws-seoul-raw');
    if (raw) raw.flaky = { code: 'InternalError', keys: new Set(['data/00001.csv', 'data/01500.csv']) };
    const world = teardownWorld({ users, buckets });
    loopback = await startLoopback(world.handler);
    loopback.fault({ service: 's3', operation: 'POST /acme-ws-seoul-raw/', times: 2, kind: 'throttle' });
    loopback.fault({ service: 's3', operation: 'GET /acme-ws-seoul-raw/', times: 1, kind: 'server-error' });

    const command = jobCommand(teardownSpec, {
      now: () => new Date('2026-12-14T03:00:00Z'),
      clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
      probe: async () => ({}),
      options: { apis: fakeCost, sleep: async () => {} } satisfies Partial<TeardownOptions>,
    });
    let stdout = '';
    let stderr = '';
    const argv = ['--cohort', 'seoul', '--destroy-prep', '--apply', '--format', 'json'];
    const { values, positionals } = parseArgs({ args: argv, options: command.options, strict: true });
    const code = await command.run(
      { values, positionals },
      {
        stdout: { write: (c: string) => (stdout += c) },
        stderr: { write: (c: string) => (stderr += c) },
        cwd: repo.root,
        env: {},
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      dryRun: boolean;
      cohorts: { status: string; data: { deletions: string[] } }[];
    };
    expect(report.dryRun).toBe(false);
    expect(report.cohorts[0]?.data.deletions).toEqual([
      'console password of IAM user acme-ws-seoul_s01',
      'console password of IAM user acme-ws-seoul_s02',
      'stopped the logging of trail acme-ws-seoul-trail (its bucket is emptied next)',
      's3://acme-ws-seoul-raw: deleted 2500 of 2500 (1666 object version(s), 834 delete marker(s)) in 5 request(s)',
      's3://acme-ws-seoul-processed: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
      's3://acme-ws-seoul-results: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
      's3://acme-ws-seoul-trail: deleted 0 of 0 (0 object version(s), 0 delete marker(s)) in 0 request(s)',
    ]);
    expect(buckets.get('acme-ws-seoul-raw')?.entries).toEqual([]);
    expect(world.deletedProfiles).toEqual(['acme-ws-seoul_s01', 'acme-ws-seoul_s02']);
    expect(loopback.requests.filter((r) => r.service === 'cloudtrail').map((r) => r.operation)).toEqual([
      'ListTags',
      'GetTrailStatus',
      'StopLogging',
    ]);
    const archived = [...world.state.objects.keys()];
    expect(archived).toEqual(['acme-workshops-terraform-state/ops/reports/seoul/20261214T030000Z-final-report.md']);
    expect(world.state.objects.get(archived[0] ?? '')?.body).toContain('**Spend this month**: $3.21 for seoul');
    // Three batches and one retry for each of the two keys S3 answered InternalError for, plus two throttled sends.
    const deletes = loopback.requests.filter((r) => r.operation === 'POST /acme-ws-seoul-raw/');
    expect(deletes).toHaveLength(5 + 2);
    // The 500 hit the first request to the bucket and was retried by the SDK.
    expect(
      loopback.requests.filter((r) => r.operation === 'GET /acme-ws-seoul-raw/' && r.query.has('tagging')),
    ).toHaveLength(2);
  });
});
