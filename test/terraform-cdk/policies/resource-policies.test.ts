/**
 * Resource policies: the KMS key policies, the alerts topic's policy and the bucket policies (issue 3 storage and
 * encryption, issue 7 service integrations, pitfalls 2, 8 and 11).
 */
import { describe, expect, test } from 'vitest';
import {
  bucketPolicy,
  glueRolePolicy,
  instructorPolicy,
  keyPolicy,
  TOPIC_PUBLISHERS,
  topicPolicy,
} from '../../../terraform-cdk/policies/index.ts';
import type { PolicyContext, PolicyStatement } from '../../../terraform-cdk/policies/policy-document.ts';
import { type Actor, asAdmin, asRole, asStudent, type Context } from './actors.ts';
import { busan, busanWithCidrs, seoul, seoulFailover, seoulSibling } from './cohort-context.ts';
import { allowAll } from './requests.ts';
import { ACCOUNT, simulate } from './simulate.ts';

const ctx = seoul();
const n = ctx.names;
const primary = ctx.cohort.regions.primary;
const backup = ctx.cohort.regions.backup ?? '';
const OTHER_ACCOUNT = '210987654321';
const logGroupArn = (c: PolicyContext, name: string, region = c.cohort.regions.primary) =>
  `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
const trailArn = (c: PolicyContext) =>
  `arn:aws:cloudtrail:${c.cohort.regions.primary}:${ACCOUNT}:trail/${c.names.trail}`;

/** A request made by an AWS service principal, judged by a resource policy alone. */
function byService(
  service: string,
  policy: ReturnType<typeof keyPolicy>,
  action: string,
  resource: string,
  context: Context,
) {
  return simulate({ identityPolicies: [], resourcePolicy: policy, principal: service, action, resource, context });
}

const statementsFor = (statements: readonly PolicyStatement[], service: string) =>
  statements.filter((s) => {
    const principal = s.Principal;
    if (principal === undefined || principal === '*') return false;
    return [principal.Service].flat().includes(service);
  });

describe('the primary key policy', () => {
  const policy = keyPolicy(ctx, 'primary');
  const key = ctx.keyArns.primary;

  test.each(['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'budgets.amazonaws.com'])(
    '%s may use the key for the encrypted topic, for this account only',
    async (service) => {
      const statements = statementsFor(policy.Statement, service);
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) expect(s.Condition?.StringEquals?.['aws:SourceAccount']).toBe(ACCOUNT);
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        expect(await byService(service, policy, action, key, { 'aws:SourceAccount': ACCOUNT })).toBe('Allowed');
        expect(await byService(service, policy, action, key, { 'aws:SourceAccount': OTHER_ACCOUNT })).not.toBe(
          'Allowed',
        );
      }
    },
  );

  test('CloudWatch Logs may use the key for the cohort log groups only', async () => {
    const service = `logs.${primary}.amazonaws.com`;
    expect(statementsFor(policy.Statement, service)).toHaveLength(1);
    const groups = [
      `/aws-glue/jobs/${n.securityConfiguration}-role${n.iamPath}${n.role('glue')}/output`,
      `/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${n.securityConfiguration}`,
      n.glueLogGroupPrefix,
      n.trailLogGroup,
    ];
    for (const group of groups) {
      const context = { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(ctx, group) };
      expect(await byService(service, policy, 'kms:GenerateDataKey', key, context)).toBe('Allowed');
    }
    // Account-wide Glue groups, another cohort's, and a cohort whose id extends Seoul's.
    const sibling = seoulSibling().names;
    const elsewhere = [
      '/aws-glue/jobs/output',
      busan().names.trailLogGroup,
      sibling.trailLogGroup,
      sibling.glueLogGroupPrefix,
    ];
    for (const group of elsewhere) {
      const context = { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(ctx, group) };
      expect(await byService(service, policy, 'kms:GenerateDataKey', key, context)).not.toBe('Allowed');
    }
  });

  test("CloudTrail may encrypt the cohort trail's logs only", async () => {
    const service = 'cloudtrail.amazonaws.com';
    for (const s of statementsFor(policy.Statement, service)) {
      expect(s.Condition?.StringEquals?.['aws:SourceAccount']).toBe(ACCOUNT);
      expect(s.Condition?.StringEquals?.['aws:SourceArn']).toBe(trailArn(ctx));
    }
    const mine = {
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': trailArn(ctx),
      'kms:EncryptionContext:aws:cloudtrail:arn': trailArn(ctx),
    };
    expect(await byService(service, policy, 'kms:GenerateDataKey', key, mine)).toBe('Allowed');
    expect(
      await byService(service, policy, 'kms:DescribeKey', key, {
        'aws:SourceAccount': ACCOUNT,
        'aws:SourceArn': trailArn(ctx),
      }),
    ).toBe('Allowed');
    const theirs = {
      ...mine,
      'aws:SourceArn': trailArn(busan()),
      'kms:EncryptionContext:aws:cloudtrail:arn': trailArn(busan()),
    };
    expect(await byService(service, policy, 'kms:GenerateDataKey', key, theirs)).not.toBe('Allowed');
  });

  test('lets IAM policies grant use (pitfall 2): the Glue role and a student through S3', async () => {
    const world = [ctx];
    const glue = asRole(ctx, 'glue', glueRolePolicy(ctx), world);
    expect(await glue('kms:GenerateDataKey', key)).toBe('Allowed');
    const student = asStudent(ctx, 's01', world);
    const viaS3 = { 'kms:ViaService': `s3.${primary}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT };
    expect(await student('kms:Decrypt', key, viaS3)).toBe('Allowed');
  });

  test('no other account may use it', async () => {
    const outsider = `arn:aws:iam::${OTHER_ACCOUNT}:role/admin`;
    const decision = await simulate({
      identityPolicies: [allowAll('kms:*')],
      resourcePolicy: policy,
      principal: outsider,
      action: 'kms:Decrypt',
      resource: key,
      context: {
        'aws:PrincipalAccount': OTHER_ACCOUNT,
        'kms:ViaService': `s3.${primary}.amazonaws.com`,
        'kms:CallerAccount': OTHER_ACCOUNT,
      },
    });
    expect(decision).not.toBe('Allowed');
  });
});

describe('the backup key policy', () => {
  test('serves S3 replication in the backup region and no primary-only service', () => {
    const policy = keyPolicy(ctx, 'backup');
    const text = JSON.stringify(policy);
    expect(text).toContain(`s3.${backup}.amazonaws.com`);
    expect(text).not.toContain('cloudtrail.amazonaws.com');
    expect(text).not.toContain(`logs.${backup}.amazonaws.com`);
  });

  test('does not exist without a backup region', () => {
    expect(() => keyPolicy(busan(), 'backup')).toThrow(/no backup region/);
  });
});

describe('the backup key policy with failover', () => {
  const failover = seoulFailover();
  const policy = keyPolicy(failover, 'backup');
  const key = failover.keyArns.backup ?? '';
  const service = `logs.${backup}.amazonaws.com`;
  const crawlerLogs = `/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${n.securityConfiguration}`;
  const logs = (c: PolicyContext, group: string) => ({
    'kms:EncryptionContext:aws:logs:arn': logGroupArn(c, group, backup),
  });

  test("CloudWatch Logs may use it for the failover crawlers' log group there, and only with failover", async () => {
    expect(statementsFor(policy.Statement, service)).toHaveLength(1);
    expect(await byService(service, policy, 'kms:GenerateDataKey', key, logs(failover, crawlerLogs))).toBe('Allowed');
    const sibling = seoulSibling().names;
    const theirs = `/aws-glue/crawlers-role${sibling.iamPath}${sibling.role('glue')}-${sibling.securityConfiguration}`;
    expect(await byService(service, policy, 'kms:GenerateDataKey', key, logs(failover, theirs))).not.toBe('Allowed');
    const withoutFailover = keyPolicy(ctx, 'backup');
    expect(await byService(service, withoutFailover, 'kms:GenerateDataKey', key, logs(ctx, crawlerLogs))).not.toBe(
      'Allowed',
    );
  });

  test.each([
    ['writing query results', n.failoverResultsBucket],
    ['reading replica data', n.replicaBucket('raw')],
  ])('lets IAM policies grant use through S3: a student %s', async (_, bucket) => {
    const student = asStudent(failover, 's01', [failover]);
    const context = {
      'aws:RequestedRegion': backup,
      'kms:ViaService': `s3.${backup}.amazonaws.com`,
      'kms:CallerAccount': ACCOUNT,
      'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${bucket}`,
    };
    expect(await student('kms:GenerateDataKey', key, context)).toBe('Allowed');
  });

  test('names Glue as a service using it in the backup region, only with failover', () => {
    const viaGlue = `glue.${backup}.amazonaws.com`;
    expect(JSON.stringify(policy)).toContain(viaGlue);
    expect(JSON.stringify(keyPolicy(ctx, 'backup'))).not.toContain(viaGlue);
  });
});

describe('the topic policy (pitfall 8)', () => {
  const topic = `arn:aws:sns:${primary}:${ACCOUNT}:${n.topic}`;
  const policy = topicPolicy(ctx, topic);

  test.each([...TOPIC_PUBLISHERS])('admits %s for this account only', async (service) => {
    const statements = statementsFor(policy.Statement, service);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.Condition?.StringEquals?.['aws:SourceAccount']).toBe(ACCOUNT);
    expect(await byService(service, policy, 'sns:Publish', topic, { 'aws:SourceAccount': ACCOUNT })).toBe('Allowed');
    expect(await byService(service, policy, 'sns:Publish', topic, { 'aws:SourceAccount': OTHER_ACCOUNT })).not.toBe(
      'Allowed',
    );
  });

  test('admits no other service', async () => {
    expect(
      await byService('s3.amazonaws.com', policy, 'sns:Publish', topic, { 'aws:SourceAccount': ACCOUNT }),
    ).not.toBe('Allowed');
  });

  test('lets the account manage the topic', async () => {
    const decision = await simulate({
      identityPolicies: [allowAll('sns:*')],
      resourcePolicy: policy,
      principal: `arn:aws:iam::${ACCOUNT}:user/admin`,
      action: 'sns:Subscribe',
      resource: topic,
      context: {},
    });
    expect(decision).toBe('Allowed');
  });
});

describe('bucket policies', () => {
  const raw = n.bucket('raw');
  const admin = asAdmin(ctx, [ctx]);
  const object = `arn:aws:s3:::${raw}/taxi_trips/x.csv`;

  test('deny every request without TLS, even the account admin', async () => {
    expect(await admin('s3:GetObject', object, { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    expect(await admin('s3:PutBucketPolicy', `arn:aws:s3:::${raw}`, { 'aws:SecureTransport': 'false' })).toBe(
      'ExplicitlyDenied',
    );
    expect(await admin('s3:GetObject', object)).toBe('Allowed');
  });

  test('deny a non-TLS student request too', async () => {
    const student = asStudent(ctx, 's01', [ctx]);
    expect(await student('s3:GetObject', object, { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    expect(await student('s3:GetObject', object)).toBe('Allowed');
  });

  test('carry no address restriction when the cohort sets none', () => {
    expect(JSON.stringify(bucketPolicy(ctx, raw))).not.toContain('aws:SourceIp');
  });

  describe('with allowed addresses', () => {
    const restricted = busanWithCidrs();
    const world = [restricted];
    const rawR = restricted.names.bucket('raw');
    const objectR = `arn:aws:s3:::${rawR}/d/x.csv`;
    const student = asStudent(restricted, 's01', world);
    const inside = { 'aws:SourceIp': '203.0.113.7' };
    const outside = { 'aws:SourceIp': '198.51.100.7' };

    test('a student reaches the data from an allowed address only', async () => {
      expect(await student('s3:GetObject', objectR, inside)).toBe('Allowed');
      expect(await student('s3:GetObject', objectR, outside)).toBe('ExplicitlyDenied');
    });

    test('a query made through Athena (a service) is not held to the address', async () => {
      expect(await student('s3:GetObject', objectR, { ...outside, 'aws:ViaAWSService': 'true' })).toBe('Allowed');
    });

    test.each<['glue' | 'instructor', () => ReturnType<typeof glueRolePolicy>]>([
      ['glue', () => glueRolePolicy(restricted)],
      ['instructor', () => instructorPolicy(restricted)],
    ])('the %s role works from anywhere', async (purpose, policy) => {
      const role: Actor = asRole(restricted, purpose, policy(), world);
      expect(await role('s3:GetObject', objectR, outside)).toBe('Allowed');
    });

    test('a trusted principal such as the apply role is exempt, others are not', async () => {
      const applyRole = `arn:aws:iam::${ACCOUNT}:role/workshop-gitops-apply`;
      const policy = bucketPolicy(restricted, rawR, { trustedPrincipalArns: [applyRole] });
      const request = (principal: string) =>
        simulate({
          identityPolicies: [allowAll('s3:*')],
          resourcePolicy: policy,
          principal,
          action: 's3:PutObject',
          resource: objectR,
          context: {
            'aws:PrincipalArn': principal,
            'aws:SecureTransport': 'true',
            'aws:ViaAWSService': 'false',
            ...outside,
          },
        });
      expect(await request(applyRole)).toBe('Allowed');
      expect(await request(`arn:aws:iam::${ACCOUNT}:role/someone-else`)).toBe('ExplicitlyDenied');
    });

    test('bucket configuration stays manageable from anywhere', async () => {
      const adminR = asAdmin(restricted, world);
      expect(await adminR('s3:GetBucketPolicy', `arn:aws:s3:::${rawR}`, outside)).toBe('Allowed');
    });
  });

  describe("the trail's bucket", () => {
    const trailBucket = n.bucket('trail');
    const policy = bucketPolicy(ctx, trailBucket, { cloudtrail: true });
    const logKey = `arn:aws:s3:::${trailBucket}/AWSLogs/${ACCOUNT}/CloudTrail/${primary}/2026/12/08/x.json.gz`;
    const fromTrail = { 'aws:SourceArn': trailArn(ctx), 'aws:SecureTransport': 'true' };

    test('admits CloudTrail delivery for the cohort trail with bucket-owner-full-control', async () => {
      const put = (context: Context) =>
        byService('cloudtrail.amazonaws.com', policy, 's3:PutObject', logKey, { ...fromTrail, ...context });
      expect(await put({ 's3:x-amz-acl': 'bucket-owner-full-control' })).toBe('Allowed');
      expect(await put({ 's3:x-amz-acl': 'private' })).not.toBe('Allowed');
      expect(await put({ 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn(busan()) })).not.toBe(
        'Allowed',
      );
      const acl = await byService(
        'cloudtrail.amazonaws.com',
        policy,
        's3:GetBucketAcl',
        `arn:aws:s3:::${trailBucket}`,
        fromTrail,
      );
      expect(acl).toBe('Allowed');
    });

    test('other buckets admit no CloudTrail delivery', async () => {
      const plain = bucketPolicy(ctx, trailBucket);
      const decision = await byService('cloudtrail.amazonaws.com', plain, 's3:PutObject', logKey, {
        ...fromTrail,
        's3:x-amz-acl': 'bucket-owner-full-control',
      });
      expect(decision).not.toBe('Allowed');
    });
  });
});

describe('with lakeFormation: managed (pitfall 1)', () => {
  const lfRole = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess`;
  const managed: PolicyContext = { ...ctx, lakeFormation: 'managed' };
  const key = ctx.keyArns.primary;
  const viaS3 = { 'kms:ViaService': `s3.${primary}.amazonaws.com` };

  /** Lake Formation's service-linked role, whose own IAM policy (owned by AWS) grants nothing on KMS. */
  const asLakeFormation = (policy: ReturnType<typeof keyPolicy>, context: Context, principalArn = lfRole) =>
    simulate({
      identityPolicies: [],
      resourcePolicy: policy,
      principal: principalArn,
      action: 'kms:Decrypt',
      resource: key,
      context: { 'aws:PrincipalArn': principalArn, 'aws:PrincipalAccount': ACCOUNT, ...context },
    });

  test("the primary key lets Lake Formation's role decrypt registered data through S3", async () => {
    expect(await asLakeFormation(keyPolicy(managed, 'primary'), viaS3)).toBe('Allowed');
  });

  test('with failover, the backup key lets it decrypt the replicas registered there; without, it does not', async () => {
    const backupKey = ctx.keyArns.backup ?? '';
    const viaS3Backup = { 'kms:ViaService': `s3.${backup}.amazonaws.com` };
    const decrypt = (c: PolicyContext) =>
      simulate({
        identityPolicies: [],
        resourcePolicy: keyPolicy(c, 'backup'),
        principal: lfRole,
        action: 'kms:Decrypt',
        resource: backupKey,
        context: { 'aws:PrincipalArn': lfRole, 'aws:PrincipalAccount': ACCOUNT, ...viaS3Backup },
      });
    expect(await decrypt({ ...seoulFailover(), lakeFormation: 'managed' })).toBe('Allowed');
    expect(await decrypt(managed)).not.toBe('Allowed');
    expect(await decrypt(seoulFailover())).not.toBe('Allowed');
  });

  test('only through S3, only that role, and only in managed mode', async () => {
    const policy = keyPolicy(managed, 'primary');
    expect(await asLakeFormation(policy, { 'kms:ViaService': `glue.${primary}.amazonaws.com` })).not.toBe('Allowed');
    const lookalike = `arn:aws:iam::${ACCOUNT}:role/AWSServiceRoleForLakeFormationDataAccess`;
    expect(await asLakeFormation(policy, viaS3, lookalike)).not.toBe('Allowed');
    expect(await asLakeFormation(keyPolicy(ctx, 'primary'), viaS3)).not.toBe('Allowed');
  });

  test("registered buckets admit Lake Formation's credentials from any address", async () => {
    const restricted: PolicyContext = { ...busanWithCidrs(), lakeFormation: 'managed' };
    const raw = restricted.names.bucket('raw');
    const request = (policyCtx: PolicyContext) =>
      simulate({
        identityPolicies: [allowAll('s3:GetObject')],
        resourcePolicy: bucketPolicy(policyCtx, raw),
        principal: lfRole,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${raw}/d/x.csv`,
        context: {
          'aws:PrincipalArn': lfRole,
          'aws:SecureTransport': 'true',
          'aws:ViaAWSService': 'false',
          'aws:SourceIp': '198.51.100.7',
        },
      });
    expect(await request(restricted)).toBe('Allowed');
    expect(await request(busanWithCidrs())).toBe('ExplicitlyDenied');
  });
});
