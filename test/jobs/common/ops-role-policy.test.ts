/** The ops role may do what onboard and crawl do, on the cohorts' resources only (offline IAM evaluation). */
import { describe, expect, it } from 'vitest';
import { opsRolePolicy } from '../../../terraform-cdk/policies/ops.ts';
import { simulate } from '../../terraform-cdk/policies/simulate.ts';

const A = '123456789012';
const policy = opsRolePolicy({
  accountId: A,
  repository: 'acme/workshop-gitops',
  stateBucket: 'acme-workshops-terraform-state',
  namePrefix: 'acme-ws',
  stateRegion: 'us-east-1',
});

const decide = (action: string, resource: string, context: Record<string, string | string[]> = {}) =>
  simulate({ identityPolicies: [policy], action, resource, context });

/** A key policy that lets IAM policies of the account grant the key, as the cohort keys' policies do. */
const keyPolicy = {
  Version: '2012-10-17' as const,
  Statement: [
    {
      Sid: 'Account',
      Effect: 'Allow' as const,
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};
const decideKey = (action: string, resource: string, context: Record<string, string | string[]>) =>
  simulate({ identityPolicies: [policy], resourcePolicy: keyPolicy, action, resource, context });

describe('ops role policy for onboard and crawl', () => {
  it.each([
    ['iam:GetLoginProfile', `arn:aws:iam::${A}:user/workshops/seoul-1/acme-ws-seoul-1_s01`],
    ['iam:CreateLoginProfile', `arn:aws:iam::${A}:user/workshops/seoul-1/acme-ws-seoul-1_s01`],
    ['iam:UpdateLoginProfile', `arn:aws:iam::${A}:user/workshops/seoul-1/acme-ws-seoul-1_s01`],
    ['iam:DeleteLoginProfile', `arn:aws:iam::${A}:user/workshops/seoul-1/acme-ws-seoul-1_s01`],
    ['iam:GetAccountPasswordPolicy', '*'],
    ['ses:SendEmail', `arn:aws:ses:ap-northeast-2:${A}:identity/workshops@acme.example`],
    ['ses:SendEmail', `arn:aws:ses:ap-northeast-2:${A}:template/acme-ws-seoul-1-onboarding`],
    ['ses:GetSuppressedDestination', '*'],
    ['glue:StartCrawler', `arn:aws:glue:ap-northeast-2:${A}:crawler/acme-ws-seoul-1-trips`],
    ['glue:BatchGetCrawlers', `arn:aws:glue:ap-northeast-2:${A}:crawler/acme-ws-seoul-1-trips`],
    ['glue:GetCrawlerMetrics', '*'],
    ['glue:GetTables', `arn:aws:glue:ap-northeast-2:${A}:database/acme_ws_seoul_1`],
    ['sns:Publish', `arn:aws:sns:ap-northeast-2:${A}:acme-ws-seoul-1-alerts`],
    ['s3:PutObject', 'arn:aws:s3:::acme-workshops-terraform-state/ops/seoul-1/crawl.json'],
  ])('allows %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('Allowed');
  });

  it.each([
    ['iam:CreateLoginProfile', `arn:aws:iam::${A}:user/admin`],
    ['iam:UpdateLoginProfile', `arn:aws:iam::${A}:user/ops/alice`],
    ['glue:StartCrawler', `arn:aws:glue:ap-northeast-2:${A}:crawler/someone-elses-crawler`],
    ['glue:GetTables', `arn:aws:glue:ap-northeast-2:${A}:database/finance`],
    ['sns:Publish', `arn:aws:sns:ap-northeast-2:${A}:billing-alerts`],
    ['s3:PutObject', 'arn:aws:s3:::acme-workshops-terraform-state/cohorts/seoul-1.tfstate'],
  ])('denies %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('ImplicitlyDenied');
  });

  it('uses the state key only through S3 and for the state bucket', async () => {
    const key = `arn:aws:kms:us-east-1:${A}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
    const via = (service: string, bucket: string) => ({
      'kms:ViaService': `${service}.us-east-1.amazonaws.com`,
      'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${bucket}`,
    });
    expect(await decideKey('kms:GenerateDataKey', key, via('s3', 'acme-workshops-terraform-state'))).toBe('Allowed');
    expect(await decideKey('kms:Decrypt', key, via('s3', 'acme-workshops-terraform-state'))).toBe('Allowed');
    expect(await decideKey('kms:Decrypt', key, via('s3', 'acme-ws-seoul-1-raw'))).toBe('ImplicitlyDenied');
  });

  it('uses a cohort key only through SNS (alerts) and S3 (DR checksums), never directly', async () => {
    const key = `arn:aws:kms:ap-northeast-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const aliases = ['alias/workshops/acme-ws-seoul-1'];
    expect(
      await decideKey('kms:GenerateDataKey', key, {
        'kms:ViaService': 'sns.ap-northeast-2.amazonaws.com',
        'kms:ResourceAliases': aliases,
      }),
    ).toBe('Allowed');
    expect(
      await decideKey('kms:Decrypt', key, {
        'kms:ViaService': 's3.ap-northeast-2.amazonaws.com',
        'kms:ResourceAliases': aliases,
      }),
    ).toBe('Allowed');
    expect(
      await decideKey('kms:Decrypt', key, {
        'kms:ViaService': 'glue.ap-northeast-2.amazonaws.com',
        'kms:ResourceAliases': aliases,
      }),
    ).toBe('ImplicitlyDenied');
    expect(await decideKey('kms:Decrypt', key, { 'kms:ResourceAliases': aliases })).toBe('ImplicitlyDenied');
    expect(
      await decideKey('kms:Decrypt', key, {
        'kms:ViaService': 'sns.ap-northeast-2.amazonaws.com',
        'kms:ResourceAliases': ['alias/finance'],
      }),
    ).toBe('ImplicitlyDenied');
  });
});

describe('ops role policy for cost-report', () => {
  it.each([
    ['ce:GetCostAndUsage', '*'],
    ['cloudwatch:GetMetricData', '*'],
    ['budgets:ViewBudget', `arn:aws:budgets::${A}:budget/acme-ws-seoul-1-monthly`],
    ['athena:ListQueryExecutions', `arn:aws:athena:ap-northeast-2:${A}:workgroup/acme-ws-seoul-1_s01`],
    ['athena:BatchGetQueryExecution', `arn:aws:athena:ap-northeast-2:${A}:workgroup/acme-ws-seoul-1-instructors`],
    ['glue:GetJobRuns', `arn:aws:glue:ap-northeast-2:${A}:job/acme-ws-seoul-1_s01_clean`],
  ])('allows %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('Allowed');
  });

  it.each([
    ['budgets:ViewBudget', `arn:aws:budgets::${A}:budget/company-wide`],
    ['athena:ListQueryExecutions', `arn:aws:athena:ap-northeast-2:${A}:workgroup/primary`],
    ['athena:StartQueryExecution', `arn:aws:athena:ap-northeast-2:${A}:workgroup/acme-ws-seoul-1_s01`],
    ['glue:GetJobRuns', `arn:aws:glue:ap-northeast-2:${A}:job/finance-etl`],
    ['glue:StartJobRun', `arn:aws:glue:ap-northeast-2:${A}:job/acme-ws-seoul-1_s01_clean`],
  ])('denies %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).not.toBe('Allowed');
  });
});

describe('ops role policy for the disaster-recovery jobs', () => {
  it.each([
    ['s3:GetReplicationConfiguration', 'arn:aws:s3:::acme-ws-seoul-1-raw'],
    ['s3:GetEncryptionConfiguration', 'arn:aws:s3:::acme-ws-seoul-1-processed-dr'],
    ['s3:ListBucketVersions', 'arn:aws:s3:::acme-ws-seoul-1-processed'],
    ['s3:GetObjectVersion', 'arn:aws:s3:::acme-ws-seoul-1-raw-dr/taxi_trips/a.csv'],
    ['s3:PutObject', 'arn:aws:s3:::acme-ws-seoul-1-processed/students/x/a.parquet'],
    ['s3:DeleteObjectVersion', 'arn:aws:s3:::acme-ws-seoul-1-raw-dr/_dr-drill/canary.json'],
  ])('allows %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('Allowed');
  });

  it.each([
    // Restore never deletes, and the drill deletes its canary only.
    ['s3:DeleteObjectVersion', 'arn:aws:s3:::acme-ws-seoul-1-raw/taxi_trips/a.csv'],
    ['s3:DeleteObject', 'arn:aws:s3:::acme-ws-seoul-1-processed/students/x/a.parquet'],
    ['s3:PutObject', 'arn:aws:s3:::acme-ws-seoul-1-raw-dr/taxi_trips/a.csv'],
    ['s3:PutReplicationConfiguration', 'arn:aws:s3:::acme-ws-seoul-1-raw'],
    ['s3:GetObjectVersion', 'arn:aws:s3:::finance-data/report.csv'],
  ])('denies %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).not.toBe('Allowed');
  });
});

describe('ops role policy size', () => {
  it('fits the 10,240-character limit of an inline role policy, with the longest org prefix', () => {
    const longest = opsRolePolicy({
      accountId: A,
      repository: 'acme/workshop-gitops',
      stateBucket: 'a'.repeat(63),
      namePrefix: 'abcdefghijkl',
      stateRegion: 'ap-southeast-2',
    });
    expect(JSON.stringify(longest).length).toBeLessThan(10_240);
  });
});

describe('ops role policy for teardown checks', () => {
  it.each([
    ['iam:ListAccessKeys', `arn:aws:iam::${A}:user/workshops/seoul-1/acme-ws-seoul-1_s01`],
    ['s3:GetBucketPolicyStatus', 'arn:aws:s3:::acme-ws-seoul-1-raw'],
    ['cloudtrail:GetTrailStatus', `arn:aws:cloudtrail:ap-northeast-2:${A}:trail/acme-ws-seoul-1-trail`],
  ])('allows %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('Allowed');
  });

  it.each([
    ['iam:ListAccessKeys', `arn:aws:iam::${A}:user/admin`],
    ['iam:DeleteAccessKey', `arn:aws:iam::${A}:user/workshops/seoul-1/acme-ws-seoul-1_s01`],
    ['cloudtrail:StopLogging', `arn:aws:cloudtrail:ap-northeast-2:${A}:trail/acme-ws-seoul-1-trail`],
  ])('denies %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).not.toBe('Allowed');
  });
});
