/**
 * `workshop preflight` through the real adapters, with the AWS SDK clients faked by aws-sdk-client-mock: a clean
 * account passes; each blocker fails its scope (exit 1) and names what to do; warnings never fail the run.
 */
import { type AthenaClient, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { ListJobsCommand } from '@aws-sdk/client-glue';
import { GetAccountSummaryCommand, GetRoleCommand, ListUsersCommand, NoSuchEntityException } from '@aws-sdk/client-iam';
import { AccessDeniedException, GetDataLakeSettingsCommand } from '@aws-sdk/client-lakeformation';
import { HeadBucketCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { ListAWSDefaultServiceQuotasCommand } from '@aws-sdk/client-service-quotas';
import { GetAccountCommand, GetEmailIdentityCommand, NotFoundException } from '@aws-sdk/client-sesv2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clients.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { type Settings, Settings as SettingsSchema } from '../../../src/cohort/settings-schema.ts';
import { exitCodeOf, type JobReport, renderMarkdown } from '../../../src/jobs/common/report.ts';
import type { Finding } from '../../../src/jobs/preflight/finding.ts';
import { preflightJob } from '../../../src/jobs/preflight/job.ts';
import { opsRoleArn } from '../../../terraform-cdk/bootstrap-names.ts';
import { ACCOUNT, SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';
import {
  APPLY_ROLE,
  cleanAccount,
  IAM_ONLY_DEFAULTS,
  managedLakeSettings,
  mocks,
  PLAN_ROLE,
  SENDER,
} from './mock-account.ts';

const REGION = 'ap-northeast-2';
const ACCOUNT_SCOPE = `account ${ACCOUNT}`;
const etl = [{ name: 'clean', script: 'clean.py' }];
const MANAGED: Settings = { ...SETTINGS, lakeFormation: 'managed' };

interface Run {
  readonly settings?: Settings;
  readonly cohorts?: readonly ResolvedCohort[];
  readonly env?: Record<string, string>;
}

async function preflight(run: Run = {}): Promise<JobReport> {
  const aws = new AwsClientFactory();
  try {
    return await preflightJob.run(
      {
        settings: run.settings ?? SETTINGS,
        cohorts: run.cohorts ?? [testCohort('cohort-a', { etl })],
        ctx: testContext('2026-12-01T00:00:00Z'),
        aws,
        env: run.env ?? { WORKSHOP_SES_SENDER: SENDER },
      },
      { opsRoleArn },
    );
  } finally {
    aws.destroy();
  }
}

function findings(report: JobReport, scope: string): Finding[] {
  const section = report.cohorts.find((c) => c.cohortId === scope);
  if (section === undefined)
    throw new Error(`no scope ${scope} in ${report.cohorts.map((c) => c.cohortId).join(', ')}`);
  return (section.data as { findings: Finding[] }).findings;
}

function finding(report: JobReport, scope: string, check: string): Finding {
  const found = findings(report, scope).find((f) => f.check === check);
  if (found === undefined) throw new Error(`no check ${check} in ${scope}`);
  return found;
}

/** IAM's account summary with these users and groups, against the default quotas. */
const accountSummary = (users: number, groups: number) =>
  mocks.iam.on(GetAccountSummaryCommand).resolves({
    SummaryMap: { Users: users, UsersQuota: 5000, Groups: groups, GroupsQuota: 300 },
  });

const notFound = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

beforeEach(() => {
  cleanAccount();
});

describe('a clean account', () => {
  it('passes every check, for the account and the region in use', async () => {
    const report = await preflight();
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      [ACCOUNT_SCOPE, 'ok'],
      [REGION, 'ok'],
    ]);
    expect(exitCodeOf(report)).toBe(0);
    expect(findings(report, ACCOUNT_SCOPE).map((f) => f.check)).toEqual([
      'AWS account',
      'plan role',
      'apply role',
      'ops role',
      'state bucket',
      'IAM users',
      'IAM groups',
    ]);
    expect(findings(report, REGION).map((f) => f.check)).toEqual([
      'Lake Formation',
      'SES sending',
      'SES sender',
      'Athena workgroups',
      'Glue jobs',
      'Glue concurrent job runs',
    ]);
    // 12 users in the account and the cohort's three students, against IAM's 5,000 from Service Quotas.
    expect(finding(report, ACCOUNT_SCOPE, 'IAM users').detail).toContain('12 in use, 3 more to create: 15 of 5,000');
    expect(finding(report, ACCOUNT_SCOPE, 'IAM users').detail).toContain('L-USERS');
    // Athena lists no workgroup quota: the documented default of the settings.
    expect(finding(report, REGION, 'Athena workgroups').detail).toContain('1 in use, 4 more to create: 5 of 1,000');
    expect(finding(report, REGION, 'Athena workgroups').detail).toContain('quotas.athenaWorkgroupsPerRegion');
    expect(finding(report, REGION, 'Glue concurrent job runs').detail).toContain('4 runs of 50');
  });

  it('checks only what is read: no call changes anything', async () => {
    await preflight();
    const calls = Object.values(mocks).flatMap((m) => m.calls().map((c) => c.args[0].constructor.name));
    expect(calls.length).toBeGreaterThan(10);
    for (const name of calls) expect(name).toMatch(/^(Get|List|Head)/);
  });

  it('with no cohort, checks the account only', async () => {
    const report = await preflight({ cohorts: [] });
    expect(report.cohorts.map((c) => c.cohortId)).toEqual([ACCOUNT_SCOPE]);
  });
});

type Setup = () => void;

describe('blockers (exit 1)', () => {
  it.each<[string, Setup, Run, string, string, string]>([
    [
      'Lake Formation governs the catalog but the settings say iam-only',
      () => mocks.lakeFormation.on(GetDataLakeSettingsCommand).resolves(managedLakeSettings([APPLY_ROLE])),
      {},
      REGION,
      'Lake Formation',
      'Set lakeFormation: managed',
    ],
    [
      'the settings say managed but the account is IAM-only',
      () =>
        mocks.lakeFormation.on(GetDataLakeSettingsCommand).resolves({
          DataLakeSettings: {
            DataLakeAdmins: [{ DataLakePrincipalIdentifier: APPLY_ROLE }, { DataLakePrincipalIdentifier: PLAN_ROLE }],
            CreateDatabaseDefaultPermissions: IAM_ONLY_DEFAULTS,
            CreateTableDefaultPermissions: IAM_ONLY_DEFAULTS,
          },
        }),
      { settings: MANAGED },
      REGION,
      'Lake Formation',
      'uses IAM-only access',
    ],
    [
      'managed, and the apply role is not a data-lake admin',
      () => mocks.lakeFormation.on(GetDataLakeSettingsCommand).resolves(managedLakeSettings([PLAN_ROLE])),
      { settings: MANAGED },
      REGION,
      'Lake Formation admin',
      'is not a data-lake admin',
    ],
    [
      'SES sending is paused',
      () => mocks.ses.on(GetAccountCommand).resolves({ ProductionAccessEnabled: true, SendingEnabled: false }),
      {},
      REGION,
      'SES sending',
      'sending is paused',
    ],
    [
      'more people to onboard than SES sends a day',
      () =>
        mocks.ses.on(GetAccountCommand).resolves({
          ProductionAccessEnabled: false,
          SendingEnabled: true,
          SendQuota: { Max24HourSend: 3, MaxSendRate: 1, SentLast24Hours: 0 },
        }),
      {},
      REGION,
      'SES sending',
      '4 people to onboard, but SES sends 3 a day',
    ],
    [
      'the sender is not verified yet',
      () =>
        mocks.ses
          .on(GetEmailIdentityCommand)
          .resolves({ VerifiedForSendingStatus: false, VerificationStatus: 'PENDING' }),
      {},
      REGION,
      'SES sender',
      'not verified',
    ],
    [
      'the sender is no SES identity',
      () => mocks.ses.on(GetEmailIdentityCommand).rejects(new NotFoundException({ message: 'no', $metadata: {} })),
      {},
      REGION,
      'SES sender',
      'is no SES identity',
    ],
    [
      'IAM users over the limit',
      () => accountSummary(4_998, 2),
      {},
      ACCOUNT_SCOPE,
      'IAM users',
      '4,998 in use, 3 more to create: 5,001 of 5,000',
    ],
    ['IAM groups over the limit', () => accountSummary(1, 300), {}, ACCOUNT_SCOPE, 'IAM groups', '301 of 300'],
    [
      'Athena workgroups over the limit',
      () =>
        mocks.athena
          .on(ListWorkGroupsCommand)
          .resolves({ WorkGroups: Array.from({ length: 997 }, (_, i) => ({ Name: `wg-${i}` })) }),
      {},
      REGION,
      'Athena workgroups',
      '997 in use, 4 more to create: 1,001 of 1,000',
    ],
    [
      'Glue jobs over the limit',
      () => mocks.glue.on(ListJobsCommand).resolves({ JobNames: Array.from({ length: 997 }, (_, i) => `job-${i}`) }),
      {},
      REGION,
      'Glue jobs',
      '1,001 of 1,000',
    ],
    [
      'a class cannot run its ETL at once',
      () =>
        mocks.quotas.on(ListAWSDefaultServiceQuotasCommand, { ServiceCode: 'glue' }).resolves({
          Quotas: [{ QuotaName: 'Max concurrent job runs per account', QuotaCode: 'L-RUNS', Value: 3 }],
        }),
      {},
      REGION,
      'Glue concurrent job runs',
      "cohort-a's class running its ETL at once needs 4 runs of 3",
    ],
    [
      'a bootstrap role is missing',
      () =>
        mocks.iam
          .on(GetRoleCommand, { RoleName: 'workshop-gitops-ops' })
          .rejects(new NoSuchEntityException({ message: 'no role', $metadata: {} })),
      {},
      ACCOUNT_SCOPE,
      'ops role',
      'apply the bootstrap stack',
    ],
    [
      'the state bucket is missing',
      () => mocks.s3.on(HeadBucketCommand).rejects(notFound('NotFound', 404)),
      {},
      ACCOUNT_SCOPE,
      'state bucket',
      'does not exist',
    ],
    [
      'the state bucket belongs to someone else',
      () => mocks.s3.on(HeadBucketCommand).rejects(notFound('Forbidden', 403)),
      {},
      ACCOUNT_SCOPE,
      'state bucket',
      'may not use it',
    ],
    [
      'the credentials are in another account',
      () => mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321' }),
      {},
      ACCOUNT_SCOPE,
      'AWS account',
      'but the settings name 123456789012',
    ],
  ])('%s', async (_, setup, run, scope, check, fragment) => {
    setup();
    const report = await preflight(run);
    const found = finding(report, scope, check);
    expect(found.level).toBe('blocker');
    expect(found.detail).toContain(fragment);
    expect(report.cohorts.find((c) => c.cohortId === scope)?.status).toBe('failed');
    expect(exitCodeOf(report)).toBe(1);
    // Only the broken check blocks: everything else still reports.
    const blockers = report.cohorts
      .flatMap((c) => (c.data as { findings: Finding[] }).findings)
      .filter((f) => f.level === 'blocker');
    expect(blockers).toEqual([found]);
  });
});

describe('not blockers', () => {
  it('managed mode with the apply role as admin passes, and warns when plans cannot read the grants', async () => {
    mocks.lakeFormation.on(GetDataLakeSettingsCommand).resolves(managedLakeSettings([APPLY_ROLE]));
    const report = await preflight({ settings: MANAGED });
    expect(finding(report, REGION, 'Lake Formation').level).toBe('ok');
    expect(finding(report, REGION, 'Lake Formation admin').level).toBe('ok');
    expect(finding(report, REGION, 'Lake Formation read-only admin').level).toBe('warning');
    expect(exitCodeOf(report)).toBe(0);
  });

  it('the SES sandbox is a warning naming the daily limit and the people to onboard', async () => {
    mocks.ses.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 },
    });
    const report = await preflight();
    const ses = finding(report, REGION, 'SES sending');
    expect(ses.level).toBe('warning');
    expect(ses.detail).toContain('sandbox');
    expect(ses.detail).toContain('200 a day');
    expect(ses.detail).toContain('4 people to onboard');
    expect(exitCodeOf(report)).toBe(0);
  });

  it('users a previous apply created are not counted twice', async () => {
    accountSummary(5000, 2);
    const when = new Date('2026-11-01T00:00:00Z');
    mocks.iam.on(ListUsersCommand).resolves({
      Users: ['s01', 's02', 's03'].map((s) => ({
        UserName: `acme-ws-cohort-a_${s}`,
        UserId: s,
        Arn: `arn:aws:iam::${ACCOUNT}:user/workshops/cohort-a/acme-ws-cohort-a_${s}`,
        Path: '/workshops/cohort-a/',
        CreateDate: when,
      })),
    });
    const users = finding(await preflight(), ACCOUNT_SCOPE, 'IAM users');
    expect(users.level).toBe('warning');
    expect(users.detail).toContain('5,000 in use, 0 more to create: 5,000 of 5,000');
  });

  it('a check it may not run is a warning saying why, and the others still run', async () => {
    mocks.lakeFormation
      .on(GetDataLakeSettingsCommand)
      .rejects(new AccessDeniedException({ message: 'not allowed', $metadata: {} }));
    const report = await preflight();
    const lf = finding(report, REGION, 'Lake Formation');
    expect(lf).toEqual({
      check: 'Lake Formation',
      level: 'warning',
      detail: expect.stringContaining('could not check'),
    });
    expect(lf.detail).toContain('AccessDeniedException');
    expect(finding(report, REGION, 'SES sender').level).toBe('ok');
    expect(exitCodeOf(report)).toBe(0);
  });

  it('without a sender, the sender is not checked (a warning)', async () => {
    const report = await preflight({ env: {} });
    expect(finding(report, REGION, 'SES sender')).toMatchObject({ level: 'warning' });
    expect(mocks.ses.commandCalls(GetEmailIdentityCommand)).toHaveLength(0);
  });

  it('settings claiming more than the account allows are a warning', async () => {
    const settings = SettingsSchema.parse({ ...SETTINGS, quotas: { iamGroupsPerAccount: 500 } });
    const report = await preflight({ settings });
    const claim = finding(report, ACCOUNT_SCOPE, 'quotas.iamGroupsPerAccount');
    expect(claim.level).toBe('warning');
    expect(claim.detail).toContain('_settings.yaml says 500, but the account allows 300');
  });

  it('the report reads as markdown with one section per scope', async () => {
    mocks.s3.on(HeadBucketCommand).rejects(notFound('NotFound', 404));
    const markdown = renderMarkdown(await preflight());
    expect(markdown).toContain(`### ${ACCOUNT_SCOPE}: ❌ failed`);
    expect(markdown).toContain(`### ${REGION}: ✅ ok`);
    expect(markdown).toContain('| state bucket | BLOCKER |');
  });
});

it('reads each region with its own clients', async () => {
  const cohorts = [testCohort('cohort-a', { etl }), testCohort('cohort-b', { regions: { primary: 'eu-west-1' } })];
  const report = await preflight({ cohorts });
  expect(report.cohorts.map((c) => c.cohortId)).toEqual([ACCOUNT_SCOPE, REGION, 'eu-west-1']);
  const regions = await Promise.all(
    mocks.athena.commandCalls(ListWorkGroupsCommand).map((c) => (c.thisValue as AthenaClient).config.region()),
  );
  expect(new Set(regions)).toEqual(new Set([REGION, 'eu-west-1']));
});
