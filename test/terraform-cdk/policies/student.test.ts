/**
 * What a student can and cannot do (issue 3 and 7 matrices), evaluated through the group's policies, the guard,
 * the cohort boundary and the bucket or key policy of the resource. Every denial has an allowed counterpart: the
 * same request made by someone who should be able to make it, so no denial passes because the request was wrong.
 */
import { describe, expect, test } from 'vitest';
import { freezePolicy, instructorPolicy, STUDENT_ID_TAG } from '../../../terraform-cdk/policies/index.ts';
import { type Actor, asAdmin, asRole, asStudent, type Context } from './actors.ts';
import { afterAccessEnd, busan, seoul, seoulFailover, seoulSibling } from './cohort-context.ts';
import { glueArn, type Request, run, s3Arn, taggedFor, workgroupArn } from './requests.ts';
import { ACCOUNT } from './simulate.ts';

const ctx = seoul();
const other = busan();
const sibling = seoulSibling();
const world = [ctx, other, sibling];
const n = ctx.names;
const region = ctx.cohort.regions.primary;
const me = n.studentUser('s01');
const classmate = n.studentUser('s02');
const etl = ctx.cohort.etl[0]?.name ?? '';
const dataset = ctx.cohort.datasets[0]?.name ?? '';

const s01 = asStudent(ctx, 's01', world);
const s02 = asStudent(ctx, 's02', world);
const admin = asAdmin(ctx, world);

const s3 = s3Arn;
const glue = (resource: string, inRegion = region) => glueArn(inRegion, resource);
const workgroup = (name: string, inRegion = region) => workgroupArn(inRegion, name);
const viaS3 = (inRegion = region): Context => ({
  'kms:ViaService': `s3.${inRegion}.amazonaws.com`,
  'kms:CallerAccount': ACCOUNT,
});

describe('a student can', () => {
  test.each<[string, Request]>([
    ['read raw data', ['s3:GetObject', s3(n.bucket('raw'), `${dataset}/${dataset}.csv`)]],
    ['list raw data', ['s3:ListBucket', s3(n.bucket('raw')), { 's3:prefix': `${dataset}/` }]],
    ['write their own processed folder', ['s3:PutObject', s3(n.bucket('processed'), `students/${me}/out/part-0`)]],
    ['read their own processed folder', ['s3:GetObject', s3(n.bucket('processed'), `students/${me}/out/part-0`)]],
    ['delete in their own processed folder', ['s3:DeleteObject', s3(n.bucket('processed'), `students/${me}/x`)]],
    ['list their own folder', ['s3:ListBucket', s3(n.bucket('processed')), { 's3:prefix': `students/${me}/out/` }]],
    [
      'see the top of the processed bucket in the console',
      ['s3:ListBucket', s3(n.bucket('processed')), { 's3:prefix': '', 's3:delimiter': '/' }],
    ],
    [
      'see the student folder names in the console',
      ['s3:ListBucket', s3(n.bucket('processed')), { 's3:prefix': 'students/', 's3:delimiter': '/' }],
    ],
    ['list the buckets in the console', ['s3:ListAllMyBuckets', '*']],
    ['list workgroups', ['athena:ListWorkGroups', '*']],
    ['list data catalogs', ['athena:ListDataCatalogs', '*']],
    ['start a crawler of the cohort', ['glue:StartCrawler', glue(`crawler/${n.crawler(dataset)}`), taggedFor(ctx)]],
    ['read a crawler of the cohort', ['glue:GetCrawler', glue(`crawler/${n.crawler(dataset)}`), taggedFor(ctx)]],
    ['run their own ETL copy', ['glue:StartJobRun', glue(`job/${n.studentJob(etl, 's01')}`), taggedFor(ctx)]],
    ['follow their own ETL runs', ['glue:GetJobRuns', glue(`job/${n.studentJob(etl, 's01')}`), taggedFor(ctx)]],
    ['stop their own ETL runs', ['glue:BatchStopJobRun', glue(`job/${n.studentJob(etl, 's01')}`), taggedFor(ctx)]],
    [
      'read the Glue job logs',
      [
        'logs:GetLogEvents',
        `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws-glue/jobs/${n.securityConfiguration}-role${n.iamPath}${n.role('glue')}/output:log-stream:jr_1`,
      ],
    ],
    [
      'read the continuous job logs',
      ['logs:GetLogEvents', `arn:aws:logs:${region}:${ACCOUNT}:log-group:${n.glueLogGroupPrefix}:log-stream:jr_1`],
    ],
    [
      'read the crawler logs',
      [
        'logs:FilterLogEvents',
        `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${n.securityConfiguration}`,
      ],
    ],
  ])('%s', async (_, request) => {
    expect(await run(s01, request)).toBe('Allowed');
  });

  // Each action an Athena query over a raw table makes with the student's credentials (issue 7).
  test.each<[string, Request]>([
    ['athena:StartQueryExecution', ['athena:StartQueryExecution', workgroup(me)]],
    ['athena:GetQueryExecution', ['athena:GetQueryExecution', workgroup(me)]],
    ['athena:GetQueryResults', ['athena:GetQueryResults', workgroup(me)]],
    ['athena:StopQueryExecution', ['athena:StopQueryExecution', workgroup(me)]],
    ['athena:GetWorkGroup', ['athena:GetWorkGroup', workgroup(me)]],
    ['athena:CreateNamedQuery', ['athena:CreateNamedQuery', workgroup(me)]],
    [
      'athena:ListDatabases',
      ['athena:ListDatabases', `arn:aws:athena:${region}:${ACCOUNT}:datacatalog/AwsDataCatalog`],
    ],
    [
      'athena:GetTableMetadata',
      ['athena:GetTableMetadata', `arn:aws:athena:${region}:${ACCOUNT}:datacatalog/AwsDataCatalog`],
    ],
    ['glue:GetDatabase (cohort)', ['glue:GetDatabase', glue(`database/${n.database}`)]],
    ['glue:GetDatabase (default)', ['glue:GetDatabase', glue('database/default')]],
    ['glue:GetDatabases', ['glue:GetDatabases', glue('catalog')]],
    ['glue:GetTable', ['glue:GetTable', glue(`table/${n.database}/${dataset}`)]],
    ['glue:GetTables', ['glue:GetTables', glue(`table/${n.database}/${dataset}`)]],
    ['glue:GetPartitions', ['glue:GetPartitions', glue(`table/${n.database}/${dataset}`)]],
    ['glue:BatchGetPartition', ['glue:BatchGetPartition', glue(`table/${n.database}/${dataset}`)]],
    ['s3:GetBucketLocation (raw)', ['s3:GetBucketLocation', s3(n.bucket('raw')), { 'aws:ViaAWSService': 'true' }]],
    [
      's3:ListBucket (table location)',
      ['s3:ListBucket', s3(n.bucket('raw')), { 's3:prefix': `${dataset}/`, 'aws:ViaAWSService': 'true' }],
    ],
    [
      's3:GetObject (table data)',
      ['s3:GetObject', s3(n.bucket('raw'), `${dataset}/${dataset}.csv`), { 'aws:ViaAWSService': 'true' }],
    ],
    [
      'kms:Decrypt (table data, bucket-key context)',
      ['kms:Decrypt', ctx.keyArns.primary, { ...viaS3(), 'kms:EncryptionContext:aws:s3:arn': s3(n.bucket('raw')) }],
    ],
    ['s3:GetBucketLocation (results)', ['s3:GetBucketLocation', s3(n.bucket('results'))]],
    [
      's3:ListBucket (own results, CTAS emptiness check)',
      ['s3:ListBucket', s3(n.bucket('results')), { 's3:prefix': `workgroups/${me}/tables/t1/` }],
    ],
    ['s3:PutObject (results)', ['s3:PutObject', s3(n.bucket('results'), `workgroups/${me}/q1.csv`)]],
    ['s3:GetObject (results)', ['s3:GetObject', s3(n.bucket('results'), `workgroups/${me}/q1.csv`)]],
    [
      'kms:Decrypt (results, bucket-key context)',
      ['kms:Decrypt', ctx.keyArns.primary, { ...viaS3(), 'kms:EncryptionContext:aws:s3:arn': s3(n.bucket('results')) }],
    ],
    [
      's3:ListMultipartUploadParts (results)',
      ['s3:ListMultipartUploadParts', s3(n.bucket('results'), `workgroups/${me}/q1.csv`)],
    ],
    [
      's3:AbortMultipartUpload (results)',
      ['s3:AbortMultipartUpload', s3(n.bucket('results'), `workgroups/${me}/q1.csv`)],
    ],
    [
      'kms:GenerateDataKey (results, bucket-key context)',
      [
        'kms:GenerateDataKey',
        ctx.keyArns.primary,
        { ...viaS3(), 'kms:EncryptionContext:aws:s3:arn': s3(n.bucket('results')) },
      ],
    ],
  ])('run a query in their workgroup: %s', async (_, request) => {
    expect(await run(s01, request)).toBe('Allowed');
  });

  test.each(['glue:CreateTable', 'glue:UpdateTable', 'glue:DeleteTable', 'glue:BatchCreatePartition'])(
    'create and drop their own tables: %s on <student id>_x',
    async (action) => {
      expect(await s01(action, glue(`table/${n.database}/s01_x`))).toBe('Allowed');
    },
  );

  test('change their password without MFA, from the global IAM endpoint', async () => {
    const context = { 'aws:MultiFactorAuthPresent': 'false', 'aws:RequestedRegion': 'us-east-1' };
    const ownUser = `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`;
    expect(await s01('iam:ChangePassword', ownUser, context)).toBe('Allowed');
    expect(await s01('iam:GetAccountPasswordPolicy', '*', context)).toBe('Allowed');
  });

  test('set up their MFA device without MFA', async () => {
    const context = { 'aws:MultiFactorAuthPresent': 'false', 'aws:RequestedRegion': 'us-east-1' };
    const ownUser = `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`;
    expect(await s01('iam:CreateVirtualMFADevice', `arn:aws:iam::${ACCOUNT}:mfa/${me}`, context)).toBe('Allowed');
    expect(await s01('iam:EnableMFADevice', ownUser, context)).toBe('Allowed');
    expect(await s01('iam:ListMFADevices', ownUser, context)).toBe('Allowed');
  });
});

describe('a student cannot', () => {
  const asOtherStudent = asStudent(other, 's01', world);
  const asSiblingStudent = asStudent(sibling, 's01', world);
  const asInstructor = asRole(ctx, 'instructor', instructorPolicy(ctx), world);
  const siblingUser = sibling.names.studentUser('s01');

  test.each<[string, Request, Actor, Request?]>([
    ["write another student's folder", ['s3:PutObject', s3(n.bucket('processed'), `students/${classmate}/x`)], s02],
    ["read another student's folder", ['s3:GetObject', s3(n.bucket('processed'), `students/${classmate}/x`)], s02],
    [
      "list another student's folder",
      ['s3:ListBucket', s3(n.bucket('processed')), { 's3:prefix': `students/${classmate}/` }],
      s02,
    ],
    [
      'list every key of the processed bucket (no delimiter)',
      ['s3:ListBucket', s3(n.bucket('processed')), { 's3:prefix': '' }],
      admin,
    ],
    ['write raw data', ['s3:PutObject', s3(n.bucket('raw'), `${dataset}/evil.csv`)], admin],
    ["read another cohort's bucket", ['s3:GetObject', s3(other.names.bucket('raw'), 'd/x.csv')], asOtherStudent],
    [
      'read the bucket of a cohort whose id extends theirs',
      ['s3:GetObject', s3(sibling.names.bucket('raw'), `${dataset}/x.csv`)],
      asSiblingStudent,
    ],
    ['delete a bucket', ['s3:DeleteBucket', s3(n.bucket('raw'))], admin],
    ['change a bucket policy', ['s3:PutBucketPolicy', s3(n.bucket('raw'))], admin],
    ['create IAM users', ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}intruder`], admin],
    ['create access keys', ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`], admin],
    [
      "change another student's password",
      ['iam:UpdateLoginProfile', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${classmate}`],
      asInstructor,
    ],
    ["query in another student's workgroup", ['athena:StartQueryExecution', workgroup(classmate)], s02],
    ["read another student's query results", ['athena:GetQueryResults', workgroup(classmate)], s02],
    [
      'query in the instructors workgroup',
      ['athena:StartQueryExecution', workgroup(n.instructorWorkgroup)],
      asInstructor,
    ],
    [
      'query in the workgroup of a cohort whose id extends theirs',
      ['athena:StartQueryExecution', workgroup(siblingUser)],
      asSiblingStudent,
    ],
    ["drop another student's table", ['glue:DeleteTable', glue(`table/${n.database}/s02_x`)], s02],
    [
      'change the student id tag on their own user',
      ['iam:TagUser', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`, { 'aws:TagKeys': [STUDENT_ID_TAG] }],
      admin,
    ],
    [
      'remove the student id tag from their own user',
      ['iam:UntagUser', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`],
      admin,
    ],
    ['create a table outside their own names', ['glue:CreateTable', glue(`table/${n.database}/shared_x`)], admin],
    ["drop a crawler's table", ['glue:DeleteTable', glue(`table/${n.database}/${dataset}`)], asInstructor],
    [
      "run another student's ETL copy",
      ['glue:StartJobRun', glue(`job/${n.studentJob(etl, 's02')}`), taggedFor(ctx)],
      s02,
    ],
    [
      "stop another student's ETL runs",
      ['glue:BatchStopJobRun', glue(`job/${n.studentJob(etl, 's02')}`), taggedFor(ctx)],
      s02,
    ],
    ["run the cohort's own job", ['glue:StartJobRun', glue(`job/${n.job(etl)}`), taggedFor(ctx)], asInstructor],
    [
      'start a crawler of a cohort whose id extends theirs',
      ['glue:StartCrawler', glue(`crawler/${sibling.names.crawler(dataset)}`), taggedFor(sibling)],
      asSiblingStudent,
    ],
    [
      'pass the Glue role',
      [
        'iam:PassRole',
        `arn:aws:iam::${ACCOUNT}:role${n.iamPath}${n.role('glue')}`,
        { 'iam:PassedToService': 'glue.amazonaws.com' },
      ],
      asInstructor,
    ],
    ['use the cohort key directly', ['kms:Decrypt', ctx.keyArns.primary], admin],
    [
      "use another cohort's key",
      [
        'kms:Decrypt',
        other.keyArns.primary,
        { ...viaS3(), 'kms:EncryptionContext:aws:s3:arn': s3(other.names.bucket('raw')) },
      ],
      asOtherStudent,
    ],
    [
      'read the replica bucket without failover',
      ['s3:GetObject', s3(n.replicaBucket('raw'), `${dataset}/x.csv`)],
      admin,
    ],
  ])('%s', async (_, denied, counterpart, allowed = denied) => {
    expect(await run(s01, denied)).not.toBe('Allowed');
    expect(await run(counterpart, allowed)).toBe('Allowed');
  });

  test('drop the table of a student whose id extends theirs (ids hold no "_": s0 owns s0_*, never s01_*)', async () => {
    const s0 = asStudent(ctx, 's0', world);
    expect(await s0('glue:DeleteTable', glue(`table/${n.database}/s01_x`))).not.toBe('Allowed');
    expect(await s0('glue:DeleteTable', glue(`table/${n.database}/s0_x`))).toBe('Allowed');
  });

  test('write tables named after their IAM user name (the old, quoted-in-Athena scheme)', async () => {
    expect(await s01('glue:CreateTable', glue(`table/${n.database}/${me}_x`))).not.toBe('Allowed');
    expect(await s01('glue:CreateTable', glue(`table/${n.database}/s01_x`))).toBe('Allowed');
  });

  test('act after the access end, even to change their password', async () => {
    const later = { 'aws:CurrentTime': afterAccessEnd(ctx) };
    const ownUser = `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`;
    const raw = s3(n.bucket('raw'), `${dataset}/${dataset}.csv`);
    expect(await s01('s3:GetObject', raw, later)).toBe('ExplicitlyDenied');
    expect(await s01('iam:ChangePassword', ownUser, later)).toBe('ExplicitlyDenied');
    expect(await s01('s3:GetObject', raw, { 'aws:CurrentTime': ctx.accessEnd })).toBe('Allowed');
    expect(await s01('iam:ChangePassword', ownUser)).toBe('Allowed');
  });

  test('act without MFA when the cohort requires it', async () => {
    const noMfa = { 'aws:MultiFactorAuthPresent': 'false' };
    expect(ctx.cohort.security.requireMfa).toBe(true);
    expect(await s01('s3:GetObject', s3(n.bucket('raw'), `${dataset}/x.csv`), noMfa)).toBe('ExplicitlyDenied');
    expect(await s01('athena:StartQueryExecution', workgroup(me), noMfa)).toBe('ExplicitlyDenied');
    expect(await s01('iam:DeactivateMFADevice', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`, noMfa)).toBe(
      'ExplicitlyDenied',
    );
    expect(await s01('athena:StartQueryExecution', workgroup(me))).toBe('Allowed');
    // Busan does not require MFA: the same request without it is allowed there.
    expect(other.cohort.security.requireMfa).toBe(false);
    expect(
      await asOtherStudent(
        'athena:StartQueryExecution',
        workgroup(other.names.studentUser('s01'), other.cohort.regions.primary),
        noMfa,
      ),
    ).toBe('Allowed');
  });

  test('act in a region the cohort does not use', async () => {
    const elsewhere = 'us-west-2';
    expect(
      await s01('athena:StartQueryExecution', workgroup(me, elsewhere), { 'aws:RequestedRegion': elsewhere }),
    ).toBe('ExplicitlyDenied');
    expect(
      await s01('glue:GetTable', glue(`table/${n.database}/${dataset}`, elsewhere), {
        'aws:RequestedRegion': elsewhere,
      }),
    ).toBe('ExplicitlyDenied');
    expect(await s01('athena:StartQueryExecution', workgroup(me))).toBe('Allowed');
    expect(
      await admin('athena:StartQueryExecution', workgroup(me, elsewhere), { 'aws:RequestedRegion': elsewhere }),
    ).toBe('Allowed');
  });
});

describe('with failover', () => {
  const failover = seoulFailover();
  const backup = failover.cohort.regions.backup ?? '';
  const backupKey = failover.keyArns.backup ?? '';
  const failoverWorld = [failover];
  const student = asStudent(failover, 's01', failoverWorld);
  const otherStudent = asStudent(failover, 's02', failoverWorld);
  const failoverAdmin = asAdmin(failover, failoverWorld);
  const resultsDr = n.failoverResultsBucket;
  const rawReplica = n.replicaBucket('raw');
  const inBackup: Context = { 'aws:RequestedRegion': backup };
  const viaAthena: Context = { ...inBackup, 'aws:ViaAWSService': 'true' };
  /** KMS through S3 in the backup region, with the bucket-key encryption context of `bucket`. */
  const viaS3For = (bucket: string): Context => ({
    ...inBackup,
    ...viaS3(backup),
    'kms:EncryptionContext:aws:s3:arn': s3(bucket),
  });
  const dataCatalog = `arn:aws:athena:${backup}:${ACCOUNT}:datacatalog/AwsDataCatalog`;

  // Each action a query in their own workgroup in the backup region makes with the student's credentials.
  test.each<[string, Request]>([
    ['athena:StartQueryExecution', ['athena:StartQueryExecution', workgroup(me, backup), inBackup]],
    ['athena:GetQueryExecution', ['athena:GetQueryExecution', workgroup(me, backup), inBackup]],
    ['athena:GetQueryResults', ['athena:GetQueryResults', workgroup(me, backup), inBackup]],
    ['athena:StopQueryExecution', ['athena:StopQueryExecution', workgroup(me, backup), inBackup]],
    ['athena:GetWorkGroup', ['athena:GetWorkGroup', workgroup(me, backup), inBackup]],
    ['athena:ListWorkGroups', ['athena:ListWorkGroups', '*', inBackup]],
    ['athena:ListDatabases', ['athena:ListDatabases', dataCatalog, inBackup]],
    ['athena:GetTableMetadata', ['athena:GetTableMetadata', dataCatalog, inBackup]],
    ['glue:GetDatabase (failover)', ['glue:GetDatabase', glue(`database/${n.database}`, backup), inBackup]],
    ['glue:GetDatabase (default)', ['glue:GetDatabase', glue('database/default', backup), inBackup]],
    ['glue:GetDatabases', ['glue:GetDatabases', glue('catalog', backup), inBackup]],
    ['glue:GetTable', ['glue:GetTable', glue(`table/${n.database}/${dataset}`, backup), inBackup]],
    ['glue:GetPartitions', ['glue:GetPartitions', glue(`table/${n.database}/${dataset}`, backup), inBackup]],
    [
      's3:ListBucket (table location on the raw replica)',
      ['s3:ListBucket', s3(rawReplica), { ...viaAthena, 's3:prefix': `${dataset}/` }],
    ],
    ['s3:GetObject (table data on the raw replica)', ['s3:GetObject', s3(rawReplica, `${dataset}/x.csv`), viaAthena]],
    ['kms:Decrypt (replica data)', ['kms:Decrypt', backupKey, viaS3For(rawReplica)]],
    ['s3:GetBucketLocation (results)', ['s3:GetBucketLocation', s3(resultsDr), inBackup]],
    [
      's3:ListBucket (own results, CTAS emptiness check)',
      ['s3:ListBucket', s3(resultsDr), { ...inBackup, 's3:prefix': `workgroups/${me}/tables/t1/` }],
    ],
    ['s3:PutObject (results)', ['s3:PutObject', s3(resultsDr, `workgroups/${me}/q1.csv`), inBackup]],
    ['s3:GetObject (results)', ['s3:GetObject', s3(resultsDr, `workgroups/${me}/q1.csv`), inBackup]],
    [
      's3:AbortMultipartUpload (results)',
      ['s3:AbortMultipartUpload', s3(resultsDr, `workgroups/${me}/q1.csv`), inBackup],
    ],
    ['kms:GenerateDataKey (results)', ['kms:GenerateDataKey', backupKey, viaS3For(resultsDr)]],
    ['kms:Decrypt (results)', ['kms:Decrypt', backupKey, viaS3For(resultsDr)]],
  ])('a student runs a query in their workgroup in the backup region: %s', async (_, request) => {
    expect(await run(student, request)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['create their own table', ['glue:CreateTable', glue(`table/${n.database}/s01_x`, backup), inBackup]],
    ['drop their own table', ['glue:DeleteTable', glue(`table/${n.database}/s01_x`, backup), inBackup]],
    [
      'start a failover crawler',
      ['glue:StartCrawler', glue(`crawler/${n.crawler(dataset)}`, backup), { ...inBackup, ...taggedFor(failover) }],
    ],
    [
      'see the top of the results bucket in the console',
      ['s3:ListBucket', s3(resultsDr), { ...inBackup, 's3:prefix': '', 's3:delimiter': '/' }],
    ],
    [
      'read their processed data on the replica',
      ['s3:GetObject', s3(n.replicaBucket('processed'), `students/${me}/x`), inBackup],
    ],
  ])('a student can, in the backup region: %s', async (_, request) => {
    expect(await run(student, request)).toBe('Allowed');
  });

  test.each<[string, Request, Actor]>([
    [
      "write another student's prefix of the results bucket",
      ['s3:PutObject', s3(resultsDr, `workgroups/${classmate}/q1.csv`), inBackup],
      otherStudent,
    ],
    [
      "read another student's results",
      ['s3:GetObject', s3(resultsDr, `workgroups/${classmate}/q1.csv`), inBackup],
      otherStudent,
    ],
    [
      "list another student's results",
      ['s3:ListBucket', s3(resultsDr), { ...inBackup, 's3:prefix': `workgroups/${classmate}/` }],
      otherStudent,
    ],
    [
      "query in another student's workgroup",
      ['athena:StartQueryExecution', workgroup(classmate, backup), inBackup],
      otherStudent,
    ],
    [
      "drop another student's table",
      ['glue:DeleteTable', glue(`table/${n.database}/s02_x`, backup), inBackup],
      otherStudent,
    ],
    ['write the raw replica', ['s3:PutObject', s3(rawReplica, `${dataset}/evil.csv`), inBackup], failoverAdmin],
    [
      "read another student's processed data on the replica",
      ['s3:GetObject', s3(n.replicaBucket('processed'), `students/${classmate}/x`), inBackup],
      otherStudent,
    ],
  ])('a student cannot, in the backup region: %s', async (_, denied, counterpart) => {
    expect(await run(student, denied)).not.toBe('Allowed');
    expect(await run(counterpart, denied)).toBe('Allowed');
  });

  // Seoul has a backup region but no failover: the same requests that work with failover are refused.
  test.each<[string, Request]>([
    ['write their results there', ['s3:PutObject', s3(resultsDr, `workgroups/${me}/q1.csv`), inBackup]],
    ['list their results there', ['s3:ListBucket', s3(resultsDr), { ...inBackup, 's3:prefix': `workgroups/${me}/` }]],
    ['read the raw replica', ['s3:GetObject', s3(rawReplica, `${dataset}/x.csv`), viaAthena]],
    ['use the backup key for results', ['kms:GenerateDataKey', backupKey, viaS3For(resultsDr)]],
    ['use the backup key for replica data', ['kms:Decrypt', backupKey, viaS3For(rawReplica)]],
  ])('without failover, a student cannot: %s', async (_, request) => {
    expect(await run(s01, request)).not.toBe('Allowed');
    expect(await run(student, request)).toBe('Allowed');
  });
});

describe('the freeze policy, attached to the group by the budget action', () => {
  const frozen = asStudent(ctx, 's01', world, [freezePolicy(ctx)]);

  test.each<[string, Request]>([
    ['write their folder', ['s3:PutObject', s3(n.bucket('processed'), `students/${me}/x`)]],
    ['delete in their folder', ['s3:DeleteObject', s3(n.bucket('processed'), `students/${me}/x`)]],
    ['start a query', ['athena:StartQueryExecution', workgroup(me)]],
    ['save a query', ['athena:CreateNamedQuery', workgroup(me)]],
    ['run their ETL copy', ['glue:StartJobRun', glue(`job/${n.studentJob(etl, 's01')}`), taggedFor(ctx)]],
    ['start a crawler', ['glue:StartCrawler', glue(`crawler/${n.crawler(dataset)}`), taggedFor(ctx)]],
    ['create a table', ['glue:CreateTable', glue(`table/${n.database}/s01_x`)]],
    ['drop a table', ['glue:DeleteTable', glue(`table/${n.database}/s01_x`)]],
  ])('denies writes: %s', async (_, request) => {
    expect(await run(frozen, request)).toBe('ExplicitlyDenied');
    expect(await run(s01, request)).toBe('Allowed');
  });

  test.each<[string, Request]>([
    ['read raw data', ['s3:GetObject', s3(n.bucket('raw'), `${dataset}/x.csv`)]],
    ['read query results', ['athena:GetQueryResults', workgroup(me)]],
    ['stop a running query', ['athena:StopQueryExecution', workgroup(me)]],
    ['stop their ETL runs', ['glue:BatchStopJobRun', glue(`job/${n.studentJob(etl, 's01')}`), taggedFor(ctx)]],
    ['read the catalog', ['glue:GetTable', glue(`table/${n.database}/${dataset}`)]],
    ['change their password', ['iam:ChangePassword', `arn:aws:iam::${ACCOUNT}:user${n.iamPath}${me}`]],
  ])('keeps reads and stops: %s', async (_, request) => {
    expect(await run(frozen, request)).toBe('Allowed');
  });
});
