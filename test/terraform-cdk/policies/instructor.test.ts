/**
 * The instructor role: who may assume it, and that it manages its own cohort and nothing of another one (issue 3).
 * Sessions carry the role's policy and the cohort boundary.
 */
import { describe, expect, test } from 'vitest';
import {
  INSTRUCTOR_MAX_SESSION_SECONDS,
  instructorPolicy,
  instructorTagKey,
  instructorTrust,
} from '../../../terraform-cdk/policies/index.ts';
import type { PolicyContext } from '../../../terraform-cdk/policies/policy-document.ts';
import { type Actor, asAdmin, asRole, type Context } from './actors.ts';
import { busan, seoul, seoulFailover, seoulSibling } from './cohort-context.ts';
import { allowAll, glueArn, type Request, s3Arn, taggedFor, workgroupArn } from './requests.ts';
import { ACCOUNT, simulate } from './simulate.ts';

const ctx = seoul();
const other = busan();
const sibling = seoulSibling();
const world = [ctx, other, sibling];
const region = ctx.cohort.regions.primary;
const dataset = ctx.cohort.datasets[0]?.name ?? '';
const etl = ctx.cohort.etl[0]?.name ?? '';

const s3 = s3Arn;
const glue = (resource: string, inRegion = region) => glueArn(inRegion, resource);
const workgroup = (name: string, inRegion = region) => workgroupArn(inRegion, name);
const user = (c: PolicyContext, id: string) =>
  `arn:aws:iam::${ACCOUNT}:user${c.names.iamPath}${c.names.studentUser(id)}`;
const tagged = taggedFor;
const instructorOf = (c: PolicyContext): Actor => asRole(c, 'instructor', instructorPolicy(c), world);

/** The same management requests, aimed at one cohort. */
function manage(c: PolicyContext): [string, Request][] {
  const n = c.names;
  const d = c.cohort.datasets[0]?.name ?? dataset;
  const e = c.cohort.etl[0]?.name ?? etl;
  return [
    ['read raw data', ['s3:GetObject', s3(n.bucket('raw'), `${d}/x.csv`)]],
    ['upload raw data', ['s3:PutObject', s3(n.bucket('raw'), `${d}/new.csv`)]],
    ['read a student folder', ['s3:GetObject', s3(n.bucket('processed'), `students/${n.studentUser('s01')}/x`)]],
    ['read query results', ['s3:GetObject', s3(n.bucket('results'), `workgroups/${n.studentUser('s01')}/q.csv`)]],
    ['drop any table of the cohort', ['glue:DeleteTable', glue(`table/${n.database}/${d}`)]],
    ['start a crawler', ['glue:StartCrawler', glue(`crawler/${n.crawler(d)}`), tagged(c)]],
    ['update a crawler', ['glue:UpdateCrawler', glue(`crawler/${n.crawler(d)}`), tagged(c)]],
    ['run the cohort job', ['glue:StartJobRun', glue(`job/${n.job(e)}`), tagged(c)]],
    ['update the cohort job', ['glue:UpdateJob', glue(`job/${n.job(e)}`), tagged(c)]],
    ["stop a student's ETL runs", ['glue:BatchStopJobRun', glue(`job/${n.studentJob(e, 's01')}`), tagged(c)]],
    ['query in the instructors workgroup', ['athena:StartQueryExecution', workgroup(n.instructorWorkgroup)]],
    ["read a student's queries", ['athena:ListQueryExecutions', workgroup(n.studentUser('s02'))]],
    ["reset a student's password", ['iam:UpdateLoginProfile', user(c, 's01')]],
    ["set a student's first password", ['iam:CreateLoginProfile', user(c, 's02')]],
    ['read the budget', ['budgets:ViewBudget', `arn:aws:budgets::${ACCOUNT}:budget/${n.budget}`]],
    [
      'read the Glue logs',
      ['logs:FilterLogEvents', `arn:aws:logs:${region}:${ACCOUNT}:log-group:${n.glueLogGroupPrefix}`],
    ],
    ['read the trail logs', ['logs:FilterLogEvents', `arn:aws:logs:${region}:${ACCOUNT}:log-group:${n.trailLogGroup}`]],
  ];
}

describe('the instructor role', () => {
  const instructor = instructorOf(ctx);

  test.each(manage(ctx))('manages its cohort: %s', async (_, [action, resource, context]) => {
    expect(await instructor(action, resource, context)).toBe('Allowed');
  });

  // Busan lacks datasets and jobs, so the Glue requests go to the sibling cohort whose id extends Seoul's: the
  // case a `<base>-*` pattern would have let through.
  const elsewhere: [string, PolicyContext, Request][] = [
    ...manage(other)
      .filter(([, [action]]) => !action.startsWith('glue:'))
      .map(([what, request]): [string, PolicyContext, Request] => [`busan: ${what}`, other, request]),
    ...manage(sibling).map(([what, request]): [string, PolicyContext, Request] => [
      `sibling: ${what}`,
      sibling,
      request,
    ]),
  ];
  test.each(elsewhere)('does not manage another cohort: %s', async (_, owner, [action, resource, context]) => {
    expect(await instructor(action, resource, context)).not.toBe('Allowed');
    expect(await instructorOf(owner)(action, resource, context)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['create a job', ['glue:CreateJob', glue(`job/${ctx.names.job('new')}`)]],
    ['delete the cohort job', ['glue:DeleteJob', glue(`job/${ctx.names.job(etl)}`), tagged(ctx)]],
    ['delete a bucket', ['s3:DeleteBucket', s3(ctx.names.bucket('raw'))]],
    ['create IAM users', ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user${ctx.names.iamPath}extra`]],
    ['change the workgroup settings', ['athena:UpdateWorkGroup', workgroup(ctx.names.studentUser('s01'))]],
    ['change the budget', ['budgets:ModifyBudget', `arn:aws:budgets::${ACCOUNT}:budget/${ctx.names.budget}`]],
    [
      'attach policies to the students',
      ['iam:AttachGroupPolicy', `arn:aws:iam::${ACCOUNT}:group${ctx.names.iamPath}${ctx.names.studentsGroup}`],
    ],
    [
      'remove its boundary',
      [
        'iam:DeleteRolePermissionsBoundary',
        `arn:aws:iam::${ACCOUNT}:role${ctx.names.iamPath}${ctx.names.role('instructor')}`,
      ],
    ],
  ])('cannot %s', async (_, [action, resource, context]) => {
    expect(await instructor(action, resource, context)).not.toBe('Allowed');
    expect(await asAdmin(ctx, world)(action, resource, context)).toBe('Allowed');
  });

  test('passes the Glue role only to Glue', async () => {
    const glueRole = `arn:aws:iam::${ACCOUNT}:role${ctx.names.iamPath}${ctx.names.role('glue')}`;
    expect(await instructor('iam:PassRole', glueRole, { 'iam:PassedToService': 'glue.amazonaws.com' })).toBe('Allowed');
    expect(await instructor('iam:PassRole', glueRole, { 'iam:PassedToService': 'ec2.amazonaws.com' })).not.toBe(
      'Allowed',
    );
  });

  test('sessions last at most 4 hours', () => {
    expect(INSTRUCTOR_MAX_SESSION_SECONDS).toBe(14_400);
  });
});

describe('the instructor role with failover', () => {
  const failover = seoulFailover();
  const n = failover.names;
  const backup = failover.cohort.regions.backup ?? '';
  const failoverWorld = [failover];
  const instructor = asRole(failover, 'instructor', instructorPolicy(failover), failoverWorld);
  const inBackup: Context = { 'aws:RequestedRegion': backup };
  const resultsDr = n.failoverResultsBucket;
  const results = `workgroups/${n.studentUser('s01')}/q.csv`;
  const crawler = glue(`crawler/${n.crawler(dataset)}`, backup);
  const taggedInBackup = { ...inBackup, ...tagged(failover) };
  const viaS3For = (bucket: string): Context => ({
    ...inBackup,
    'kms:ViaService': `s3.${backup}.amazonaws.com`,
    'kms:CallerAccount': ACCOUNT,
    'kms:EncryptionContext:aws:s3:arn': s3(bucket),
  });

  test.each<[string, Request]>([
    ['read query results', ['s3:GetObject', s3(resultsDr, results), inBackup]],
    ['clean up query results', ['s3:DeleteObject', s3(resultsDr, results), inBackup]],
    ['list the results bucket', ['s3:ListBucket', s3(resultsDr), inBackup]],
    [
      'decrypt results with the backup key through S3',
      ['kms:Decrypt', failover.keyArns.backup ?? '', viaS3For(resultsDr)],
    ],
    ['read the raw replica', ['s3:GetObject', s3(n.replicaBucket('raw'), `${dataset}/x.csv`), inBackup]],
    ['list the versions of a replica', ['s3:ListBucketVersions', s3(n.replicaBucket('processed')), inBackup]],
    ['read the failover database', ['glue:GetDatabase', glue(`database/${n.database}`, backup), inBackup]],
    [
      'drop any table of the failover database',
      ['glue:DeleteTable', glue(`table/${n.database}/${dataset}`, backup), inBackup],
    ],
    ['start a failover crawler', ['glue:StartCrawler', crawler, taggedInBackup]],
    ['update a failover crawler', ['glue:UpdateCrawler', crawler, taggedInBackup]],
    [
      'query in the instructors workgroup',
      ['athena:StartQueryExecution', workgroup(n.instructorWorkgroup, backup), inBackup],
    ],
    ["read a student's queries", ['athena:ListQueryExecutions', workgroup(n.studentUser('s02'), backup), inBackup]],
    [
      'read the failover crawler logs',
      [
        'logs:FilterLogEvents',
        `arn:aws:logs:${backup}:${ACCOUNT}:log-group:/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${n.securityConfiguration}`,
        inBackup,
      ],
    ],
  ])('manages the failover resources: %s', async (_, [action, resource, context]) => {
    expect(await instructor(action, resource, context)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['write the raw replica', ['s3:PutObject', s3(n.replicaBucket('raw'), `${dataset}/x.csv`), inBackup]],
    [
      'delete from the processed replica',
      ['s3:DeleteObject', s3(n.replicaBucket('processed'), 'students/x'), inBackup],
    ],
    ['delete the results bucket', ['s3:DeleteBucket', s3(resultsDr), inBackup]],
    ['change a failover workgroup', ['athena:UpdateWorkGroup', workgroup(n.studentUser('s01'), backup), inBackup]],
    ['delete a failover crawler', ['glue:DeleteCrawler', crawler, taggedInBackup]],
  ])('cannot %s', async (_, [action, resource, context]) => {
    expect(await instructor(action, resource, context)).not.toBe('Allowed');
    expect(await asAdmin(failover, failoverWorld)(action, resource, context)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['read query results there', ['s3:GetObject', s3(resultsDr, results), inBackup]],
    ['write query results there', ['s3:PutObject', s3(resultsDr, results), inBackup]],
  ])('without failover, cannot %s', async (_, [action, resource, context]) => {
    expect(await instructorOf(ctx)(action, resource, context)).not.toBe('Allowed');
    expect(await instructor(action, resource, context)).toBe('Allowed');
  });
});

describe('the instructor trust policy', () => {
  const role = `arn:aws:iam::${ACCOUNT}:role${ctx.names.iamPath}${ctx.names.role('instructor')}`;
  const mayAssume = allowAll('sts:*');
  const assume = (principal: string, context: Context, action = 'sts:AssumeRole') =>
    simulate({
      identityPolicies: [mayAssume],
      resourcePolicy: instructorTrust(ctx),
      principal,
      action,
      resource: role,
      context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': ACCOUNT, ...context },
    });
  const jiwoo = `arn:aws:iam::${ACCOUNT}:user/staff/jiwoo`;
  const taggedInstructor = { [`aws:PrincipalTag/${instructorTagKey(ctx.cohort.id)}`]: 'true' };

  test('admits a tagged instructor signed in with MFA, and lets them set a source identity', async () => {
    const context = { ...taggedInstructor, 'aws:MultiFactorAuthPresent': 'true' };
    expect(await assume(jiwoo, context)).toBe('Allowed');
    expect(await assume(jiwoo, context, 'sts:SetSourceIdentity')).toBe('Allowed');
  });

  test('refuses the same instructor without MFA, since Seoul requires it', async () => {
    expect(await assume(jiwoo, { ...taggedInstructor, 'aws:MultiFactorAuthPresent': 'false' })).not.toBe('Allowed');
  });

  test('refuses an instructor of another cohort and a tagged student', async () => {
    const ofBusan = { [`aws:PrincipalTag/${instructorTagKey(other.cohort.id)}`]: 'true' };
    expect(await assume(jiwoo, { ...ofBusan, 'aws:MultiFactorAuthPresent': 'true' })).not.toBe('Allowed');
    const student = `arn:aws:iam::${ACCOUNT}:user${ctx.names.iamPath}${ctx.names.studentUser('s01')}`;
    expect(await assume(student, { ...taggedInstructor, 'aws:MultiFactorAuthPresent': 'true' })).not.toBe('Allowed');
  });

  test('does not ask for MFA when the cohort does not require it', async () => {
    const trust = instructorTrust(other);
    const context = {
      [`aws:PrincipalTag/${instructorTagKey(other.cohort.id)}`]: 'true',
      'aws:MultiFactorAuthPresent': 'false',
      'aws:PrincipalArn': jiwoo,
    };
    const decision = await simulate({
      identityPolicies: [mayAssume],
      resourcePolicy: trust,
      principal: jiwoo,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${ACCOUNT}:role${other.names.iamPath}${other.names.role('instructor')}`,
      context,
    });
    expect(decision).toBe('Allowed');
  });
});
