/**
 * The roles AWS services assume for a cohort (Glue, S3 replication, the budget action, CloudTrail's log delivery):
 * who may assume them, and that each can do its job under the cohort boundary and nothing next to it.
 */
import { describe, expect, test } from 'vitest';
import {
  budgetActionRolePolicy,
  budgetActionTrust,
  glueRolePolicy,
  glueTrust,
  replicationRolePolicy,
  replicationTrust,
  trailLogsRolePolicy,
  trailLogsTrust,
} from '../../../terraform-cdk/policies/index.ts';
import type { PolicyDocument } from '../../../terraform-cdk/policies/policy-document.ts';
import { asAdmin, asRole, type Context } from './actors.ts';
import { busan, seoul, seoulFailover, seoulSibling } from './cohort-context.ts';
import { glueArn, logGroupArn, type Request, run, s3Arn } from './requests.ts';
import { ACCOUNT, simulate } from './simulate.ts';

const ctx = seoul();
const other = busan();
const sibling = seoulSibling();
const world = [ctx, other, sibling];
const n = ctx.names;
const primary = ctx.cohort.regions.primary;
const backup = ctx.cohort.regions.backup ?? '';
const dataset = ctx.cohort.datasets[0]?.name ?? '';
const admin = asAdmin(ctx, world);

const s3 = s3Arn;
const glue = (resource: string) => glueArn(primary, resource);
const logs = (group: string) => logGroupArn(primary, group);
const via = (service: string, region: string): Context => ({
  'kms:ViaService': `${service}.${region}.amazonaws.com`,
  'kms:CallerAccount': ACCOUNT,
});

/** A service assuming a role through its trust policy. */
function serviceAssumes(trust: PolicyDocument, service: string, context: Context = {}) {
  return simulate({
    identityPolicies: [],
    resourcePolicy: trust,
    principal: service,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${ACCOUNT}:role${n.iamPath}role`,
    context,
  });
}

describe('trust policies', () => {
  test.each<[string, PolicyDocument, string]>([
    ['Glue role', glueTrust(), 'glue.amazonaws.com'],
    ['replication role', replicationTrust(), 's3.amazonaws.com'],
    ['trail delivery role', trailLogsTrust(), 'cloudtrail.amazonaws.com'],
  ])('the %s is assumed by its service only', async (_, trust, service) => {
    expect(await serviceAssumes(trust, service)).toBe('Allowed');
    expect(await serviceAssumes(trust, 'ec2.amazonaws.com')).not.toBe('Allowed');
  });

  test('the budget action role is assumed by Budgets for this account only', async () => {
    const trust = budgetActionTrust(ctx);
    expect(await serviceAssumes(trust, 'budgets.amazonaws.com', { 'aws:SourceAccount': ACCOUNT })).toBe('Allowed');
    expect(await serviceAssumes(trust, 'budgets.amazonaws.com', { 'aws:SourceAccount': '210987654321' })).not.toBe(
      'Allowed',
    );
  });
});

describe('the Glue role', () => {
  const role = asRole(ctx, 'glue', glueRolePolicy(ctx), world);

  test.each<[string, Request]>([
    ['read a dataset', ['s3:GetObject', s3(n.bucket('raw'), `${dataset}/x.csv`)]],
    ['list a dataset', ['s3:ListBucket', s3(n.bucket('raw'))]],
    ['read an ETL script from the assets prefix', ['s3:GetObject', s3(n.bucket('raw'), '_assets/etl/clean.py')]],
    ['write processed output', ['s3:PutObject', s3(n.bucket('processed'), `students/${n.studentUser('s01')}/x`)]],
    ['use its temporary directory', ['s3:DeleteObject', s3(n.bucket('processed'), '_glue-temp/run-1/x')]],
    ['create a crawled table', ['glue:CreateTable', glue(`table/${n.database}/${dataset}`)]],
    ['add partitions', ['glue:BatchCreatePartition', glue(`table/${n.database}/${dataset}`)]],
    ['read its security configuration', ['glue:GetSecurityConfiguration', '*']],
    [
      'write encrypted crawler logs',
      ['logs:AssociateKmsKey', logs(`/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${n.securityConfiguration}`)],
    ],
    [
      'write job logs',
      [
        'logs:PutLogEvents',
        `${logs(`/aws-glue/jobs/${n.securityConfiguration}-role${n.iamPath}${n.role('glue')}/output`)}:log-stream:jr_1`,
      ],
    ],
    ['write continuous job logs', ['logs:PutLogEvents', `${logs(n.glueLogGroupPrefix)}:log-stream:jr_1`]],
    ['encrypt job bookmarks with the cohort key', ['kms:Encrypt', ctx.keyArns.primary]],
    ['decrypt with the cohort key through S3', ['kms:Decrypt', ctx.keyArns.primary, via('s3', primary)]],
    ['publish Glue metrics', ['cloudwatch:PutMetricData', '*', { 'cloudwatch:namespace': 'Glue' }]],
  ])('can %s', async (_, request) => {
    expect(await run(role, request)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['overwrite raw data', ['s3:PutObject', s3(n.bucket('raw'), `${dataset}/x.csv`)]],
    ['write query results', ['s3:PutObject', s3(n.bucket('results'), 'workgroups/x/y')]],
    ["read another cohort's data", ['s3:GetObject', s3(other.names.bucket('raw'), 'd/x.csv')]],
    ["write another cohort's catalog", ['glue:CreateTable', glue(`table/${sibling.names.database}/t`)]],
    ["use another cohort's key", ['kms:Decrypt', other.keyArns.primary]],
    ['write any log group', ['logs:PutLogEvents', `${logs('/aws-glue/jobs/output')}:log-stream:x`]],
    ['publish metrics elsewhere', ['cloudwatch:PutMetricData', '*', { 'cloudwatch:namespace': 'Custom' }]],
    ['pass itself on', ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role${n.iamPath}${n.role('glue')}`]],
  ])('cannot %s', async (_, request) => {
    expect(await run(role, request)).not.toBe('Allowed');
    expect(await run(admin, request)).toBe('Allowed');
  });
});

describe('the Glue role with failover: the crawlers in the backup region', () => {
  const failover = seoulFailover();
  const failoverWorld = [failover];
  const role = asRole(failover, 'glue', glueRolePolicy(failover), failoverWorld);
  const inBackup: Context = { 'aws:RequestedRegion': backup };
  const rawReplica = n.replicaBucket('raw');
  const crawlerLogs = logGroupArn(
    backup,
    `/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${n.securityConfiguration}`,
  );
  const backupKey = failover.keyArns.backup ?? '';

  test.each<[string, Request]>([
    ['locate the raw replica', ['s3:GetBucketLocation', s3(rawReplica), inBackup]],
    ['list the raw replica', ['s3:ListBucket', s3(rawReplica), inBackup]],
    ['read a replicated dataset', ['s3:GetObject', s3(rawReplica, `${dataset}/x.csv`), inBackup]],
    [
      'decrypt it with the backup key through S3',
      [
        'kms:Decrypt',
        backupKey,
        { ...inBackup, ...via('s3', backup), 'kms:EncryptionContext:aws:s3:arn': s3(rawReplica) },
      ],
    ],
    ['read the failover database', ['glue:GetDatabase', glueArn(backup, `database/${n.database}`), inBackup]],
    ['create a crawled table', ['glue:CreateTable', glueArn(backup, `table/${n.database}/${dataset}`), inBackup]],
    ['add partitions', ['glue:BatchCreatePartition', glueArn(backup, `table/${n.database}/${dataset}`), inBackup]],
    ['write encrypted crawler logs', ['logs:AssociateKmsKey', crawlerLogs, inBackup]],
    ['write crawler log events', ['logs:PutLogEvents', `${crawlerLogs}:log-stream:${dataset}`, inBackup]],
  ])('can %s', async (_, request) => {
    expect(await run(role, request)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['write a replica', ['s3:PutObject', s3(rawReplica, `${dataset}/x.csv`), inBackup]],
    ['write the failover results bucket', ['s3:PutObject', s3(n.failoverResultsBucket, 'workgroups/x/y'), inBackup]],
    [
      "write another cohort's catalog there",
      ['glue:CreateTable', glueArn(backup, `table/${sibling.names.database}/t`), inBackup],
    ],
  ])('cannot %s', async (_, request) => {
    expect(await run(role, request)).not.toBe('Allowed');
    expect(await run(asAdmin(failover, failoverWorld), request)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['read the raw replica', ['s3:GetObject', s3(rawReplica, `${dataset}/x.csv`), inBackup]],
    ['use the backup key', ['kms:Decrypt', backupKey, { ...inBackup, ...via('s3', backup) }]],
  ])('without failover, cannot %s', async (_, request) => {
    expect(await run(asRole(ctx, 'glue', glueRolePolicy(ctx), world), request)).not.toBe('Allowed');
    expect(await run(role, request)).toBe('Allowed');
  });
});

describe('the replication role (pitfall 10)', () => {
  const role = asRole(ctx, 'replication', replicationRolePolicy(ctx), world);
  const sources = [n.bucket('raw'), n.bucket('processed')];
  const replicas = [n.replicaBucket('raw'), n.replicaBucket('processed')];
  const inBackup = { 'aws:RequestedRegion': backup };

  test.each(
    sources.flatMap((b): [string, Request][] => [
      [`s3:GetReplicationConfiguration on ${b}`, ['s3:GetReplicationConfiguration', s3(b)]],
      [`s3:ListBucket on ${b}`, ['s3:ListBucket', s3(b)]],
      [`s3:GetObjectVersionForReplication in ${b}`, ['s3:GetObjectVersionForReplication', s3(b, 'k')]],
      [`s3:GetObjectVersionAcl in ${b}`, ['s3:GetObjectVersionAcl', s3(b, 'k')]],
      [`s3:GetObjectVersionTagging in ${b}`, ['s3:GetObjectVersionTagging', s3(b, 'k')]],
      [
        `kms:Decrypt of ${b} objects with the primary key through S3 (bucket-key context)`,
        ['kms:Decrypt', ctx.keyArns.primary, { ...via('s3', primary), 'kms:EncryptionContext:aws:s3:arn': s3(b) }],
      ],
    ]),
  )('reads the source: %s', async (_, request) => {
    expect(await run(role, request)).toBe('Allowed');
  });

  test.each(
    replicas.flatMap((b): [string, Request][] => [
      [`s3:ReplicateObject into ${b}`, ['s3:ReplicateObject', s3(b, 'k'), inBackup]],
      [`s3:ReplicateDelete into ${b}`, ['s3:ReplicateDelete', s3(b, 'k'), inBackup]],
      [`s3:ReplicateTags into ${b}`, ['s3:ReplicateTags', s3(b, 'k'), inBackup]],
      [
        `kms:GenerateDataKey for ${b} with the backup key through S3`,
        [
          'kms:GenerateDataKey',
          ctx.keyArns.backup ?? '',
          { ...via('s3', backup), 'kms:EncryptionContext:aws:s3:arn': s3(b) },
        ],
      ],
      [
        `kms:Encrypt for ${b} with the backup key through S3`,
        ['kms:Encrypt', ctx.keyArns.backup ?? '', { ...via('s3', backup), 'kms:EncryptionContext:aws:s3:arn': s3(b) }],
      ],
    ]),
  )('writes the replicas: %s', async (_, request) => {
    expect(await run(role, request)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['replicate into a source bucket', ['s3:ReplicateObject', s3(n.bucket('raw'), 'k')]],
    ['replicate into the results bucket', ['s3:ReplicateObject', s3(n.bucket('results'), 'k')]],
    ['read objects directly', ['s3:GetObject', s3(n.bucket('raw'), 'k')]],
    [
      'decrypt outside S3',
      ['kms:Decrypt', ctx.keyArns.primary, { 'kms:EncryptionContext:aws:s3:arn': s3(n.bucket('raw')) }],
    ],
    [
      'decrypt for another bucket',
      [
        'kms:Decrypt',
        ctx.keyArns.primary,
        { ...via('s3', primary), 'kms:EncryptionContext:aws:s3:arn': s3(n.bucket('results')) },
      ],
    ],
    [
      'encrypt with the primary key',
      [
        'kms:GenerateDataKey',
        ctx.keyArns.primary,
        { ...via('s3', primary), 'kms:EncryptionContext:aws:s3:arn': s3(n.bucket('raw')) },
      ],
    ],
  ])('cannot %s', async (_, request) => {
    expect(await run(role, request)).not.toBe('Allowed');
    expect(await run(admin, request)).toBe('Allowed');
  });

  test('does not exist without a backup region', () => {
    expect(() => replicationRolePolicy(other)).toThrow(/no backup region/);
  });
});

describe('the budget action role (pitfall 9)', () => {
  const role = asRole(ctx, 'budget-action', budgetActionRolePolicy(ctx), world);
  const group = `arn:aws:iam::${ACCOUNT}:group${n.iamPath}${n.studentsGroup}`;
  const freeze = `arn:aws:iam::${ACCOUNT}:policy${n.iamPath}${n.policy('freeze')}`;

  test.each(['iam:AttachGroupPolicy', 'iam:DetachGroupPolicy'])(
    '%s of the freeze policy on the group',
    async (action) => {
      expect(await role(action, group, { 'iam:PolicyARN': freeze })).toBe('Allowed');
    },
  );

  test.each<[string, Request]>([
    [
      'attach AdministratorAccess',
      ['iam:AttachGroupPolicy', group, { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    ],
    [
      'attach the student policy again',
      [
        'iam:AttachGroupPolicy',
        group,
        { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy${n.iamPath}${n.policy('student')}` },
      ],
    ],
    [
      "freeze another cohort's group",
      [
        'iam:AttachGroupPolicy',
        `arn:aws:iam::${ACCOUNT}:group${other.names.iamPath}${other.names.studentsGroup}`,
        { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy${other.names.iamPath}${other.names.policy('freeze')}` },
      ],
    ],
    [
      'attach a policy to a user',
      [
        'iam:AttachUserPolicy',
        `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${n.studentUser('s01')}`,
        { 'iam:PolicyARN': freeze },
      ],
    ],
  ])('cannot %s', async (_, request) => {
    expect(await run(role, request)).not.toBe('Allowed');
    expect(await run(admin, request)).toBe('Allowed');
  });
});

describe('the trail delivery role', () => {
  const role = asRole(ctx, 'trail-logs', trailLogsRolePolicy(ctx), world);

  test('delivers to the trail log group and nowhere else', async () => {
    const stream = `${logs(n.trailLogGroup)}:log-stream:${ACCOUNT}_CloudTrail_${primary}`;
    expect(await role('logs:CreateLogStream', stream)).toBe('Allowed');
    expect(await role('logs:PutLogEvents', stream)).toBe('Allowed');
    const elsewhere = `${logs(n.glueLogGroupPrefix)}:log-stream:x`;
    expect(await role('logs:PutLogEvents', elsewhere)).not.toBe('Allowed');
    expect(await admin('logs:PutLogEvents', elsewhere)).toBe('Allowed');
  });
});
