/** The bootstrap stack's policies: GitHub OIDC trusts, the plan and apply roles, the state bucket. */
import { describe, expect, test } from 'vitest';
import {
  APPLY_ENVIRONMENT,
  applyRolePolicy,
  type BootstrapPolicyContext,
  githubApplyTrust,
  githubOpsTrust,
  githubPlanTrust,
  keyPolicy,
  planRolePolicy,
  stateBucketPolicy,
} from '../../../terraform-cdk/policies/index.ts';
import type { PolicyDocument } from '../../../terraform-cdk/policies/policy-document.ts';
import { seoul } from './cohort-context.ts';
import { allowAll } from './requests.ts';
import { ACCOUNT, simulate } from './simulate.ts';

const boot: BootstrapPolicyContext = {
  accountId: ACCOUNT,
  repository: 'acme/workshop-gitops',
  stateBucket: 'acme-workshops-terraform-state',
  namePrefix: 'acme-ws',
  stateRegion: 'us-east-1',
};
const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const state = `arn:aws:s3:::${boot.stateBucket}`;

function federated(trust: PolicyDocument, sub: string, aud = 'sts.amazonaws.com') {
  return simulate({
    identityPolicies: [],
    resourcePolicy: trust,
    principal: provider,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: `arn:aws:iam::${ACCOUNT}:role/workshop-gitops`,
    context: { 'token.actions.githubusercontent.com:aud': aud, 'token.actions.githubusercontent.com:sub': sub },
  });
}

describe('GitHub OIDC trust', () => {
  const repo = `repo:${boot.repository}`;

  test.each<[string, PolicyDocument, string, string[]]>([
    [
      'plan role: pull requests of this repository',
      githubPlanTrust(boot),
      `${repo}:pull_request`,
      [`${repo}:ref:refs/heads/feature`, `${repo}:environment:${APPLY_ENVIRONMENT}`, 'repo:someone/fork:pull_request'],
    ],
    [
      'plan role: the daily drift plans on main',
      githubPlanTrust(boot),
      `${repo}:ref:refs/heads/main`,
      ['repo:acme/other:ref:refs/heads/main', `${repo}:ref:refs/heads/main-copy`],
    ],
    [
      'apply role: jobs in the apply environment',
      githubApplyTrust(boot),
      `${repo}:environment:${APPLY_ENVIRONMENT}`,
      [`${repo}:pull_request`, `${repo}:ref:refs/heads/main`, `${repo}:environment:production`],
    ],
    [
      'ops role: the main branch',
      githubOpsTrust(boot),
      `${repo}:ref:refs/heads/main`,
      [`${repo}:pull_request`, `${repo}:ref:refs/heads/feature`, 'repo:acme/other:ref:refs/heads/main'],
    ],
  ])('%s', async (_, trust, admitted, refused) => {
    expect(await federated(trust, admitted)).toBe('Allowed');
    expect(await federated(trust, admitted, 'https://github.com/acme')).not.toBe('Allowed');
    for (const sub of refused) expect(await federated(trust, sub)).not.toBe('Allowed');
  });
});

describe('the plan role', () => {
  const plan = (action: string, resource: string, context: Record<string, string> = {}) =>
    simulate({ identityPolicies: [planRolePolicy(boot)], action, resource, context });

  test('reads state and writes only lock files', async () => {
    expect(await plan('s3:GetObject', `${state}/cohorts/seoul.tfstate`)).toBe('Allowed');
    expect(await plan('s3:PutObject', `${state}/cohorts/seoul.tfstate.tflock`)).toBe('Allowed');
    expect(await plan('s3:DeleteObject', `${state}/cohorts/seoul.tfstate.tflock`)).toBe('Allowed');
    expect(await plan('s3:PutObject', `${state}/cohorts/seoul.tfstate`)).not.toBe('Allowed');
  });

  test('refreshes cohort resources read-only', async () => {
    expect(await plan('glue:GetTable', `arn:aws:glue:ap-northeast-2:${ACCOUNT}:table/db/t`)).toBe('Allowed');
    expect(await plan('iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/workshops/x/r`)).toBe('Allowed');
    expect(await plan('s3:GetBucketPolicy', 'arn:aws:s3:::acme-ws-x-raw')).toBe('Allowed');
    expect(await plan('s3:GetObject', 'arn:aws:s3:::acme-ws-x-raw/_assets/etl/a.py')).toBe('Allowed');
    expect(await plan('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/workshops/x/u`)).not.toBe('Allowed');
    expect(await plan('s3:PutObject', 'arn:aws:s3:::acme-ws-x-raw/k')).not.toBe('Allowed');
    expect(await plan('kms:Decrypt', `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/k`)).not.toBe('Allowed');
  });

  test('reads no Glue connection secrets', async () => {
    const connection = `arn:aws:glue:ap-northeast-2:${ACCOUNT}:connection/db`;
    expect(await plan('glue:GetConnection', connection)).toBe('ExplicitlyDenied');
  });
});

describe('the apply role', () => {
  const apply = (action: string, resource: string, context: Record<string, string> = {}) =>
    simulate({ identityPolicies: [applyRolePolicy(boot)], action, resource, context });
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/workshops/x/acme-ws-x-boundary`;

  test('creates cohort users and roles only with a cohort boundary', async () => {
    const newUser = `arn:aws:iam::${ACCOUNT}:user/workshops/x/acme-ws-x_s01`;
    expect(await apply('iam:CreateUser', newUser, { 'iam:PermissionsBoundary': boundaryArn })).toBe('Allowed');
    expect(await apply('iam:CreateUser', newUser)).not.toBe('Allowed');
    expect(
      await apply('iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/admin`, { 'iam:PermissionsBoundary': boundaryArn }),
    ).not.toBe('Allowed');
    expect(await apply('iam:DeleteUserPermissionsBoundary', newUser)).toBe('ExplicitlyDenied');
  });

  test('attaches only cohort policies and never creates access keys', async () => {
    const group = `arn:aws:iam::${ACCOUNT}:group/workshops/x/acme-ws-x-students`;
    const student = `arn:aws:iam::${ACCOUNT}:policy/workshops/x/acme-ws-x-student`;
    expect(await apply('iam:AttachGroupPolicy', group, { 'iam:PolicyARN': student })).toBe('Allowed');
    expect(
      await apply('iam:AttachGroupPolicy', group, { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    ).not.toBe('Allowed');
    expect(await apply('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/workshops/x/acme-ws-x_s01`)).toBe(
      'ExplicitlyDenied',
    );
  });

  test('manages resources named with the prefix, not others', async () => {
    expect(await apply('s3:CreateBucket', 'arn:aws:s3:::acme-ws-x-raw')).toBe('Allowed');
    expect(await apply('s3:CreateBucket', 'arn:aws:s3:::someone-elses-bucket')).not.toBe('Allowed');
    expect(await apply('glue:CreateDatabase', `arn:aws:glue:ap-northeast-2:${ACCOUNT}:database/acme_ws_x`)).toBe(
      'Allowed',
    );
    expect(await apply('glue:CreateDatabase', `arn:aws:glue:ap-northeast-2:${ACCOUNT}:database/finance`)).not.toBe(
      'Allowed',
    );
    expect(
      await apply('athena:CreateWorkGroup', `arn:aws:athena:ap-northeast-2:${ACCOUNT}:workgroup/acme-ws-x_s01`),
    ).toBe('Allowed');
    expect(await apply('budgets:ModifyBudget', `arn:aws:budgets::${ACCOUNT}:budget/acme-ws-x-monthly`)).toBe('Allowed');
  });

  test('creates only tagged keys and manages only those', async () => {
    expect(await apply('kms:CreateKey', '*', { 'aws:RequestTag/managed-by': 'workshop-gitops' })).toBe('Allowed');
    expect(await apply('kms:CreateKey', '*')).not.toBe('Allowed');
    // KMS always consults the key policy too: a cohort key policy lets IAM decide.
    const key = `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/k`;
    const onKey = (context: Record<string, string>) =>
      simulate({
        identityPolicies: [applyRolePolicy(boot)],
        resourcePolicy: keyPolicy(seoul(), 'primary'),
        action: 'kms:PutKeyPolicy',
        resource: key,
        context,
      });
    expect(await onKey({ 'aws:ResourceTag/managed-by': 'workshop-gitops' })).toBe('Allowed');
    expect(await onKey({})).not.toBe('Allowed');
  });

  test('grants Lake Formation permissions but never changes the data-lake admins', async () => {
    expect(await apply('lakeformation:GrantPermissions', '*')).toBe('Allowed');
    expect(await apply('lakeformation:PutDataLakeSettings', '*')).toBe('ExplicitlyDenied');
  });

  test("registers locations with Lake Formation's service-linked role, and no other service role", async () => {
    const lfRole = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess`;
    expect(await apply('lakeformation:RegisterResource', '*')).toBe('Allowed');
    expect(await apply('iam:PutRolePolicy', lfRole)).toBe('Allowed');
    expect(
      await apply('iam:CreateServiceLinkedRole', lfRole, { 'iam:AWSServiceName': 'lakeformation.amazonaws.com' }),
    ).toBe('Allowed');
    const other = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR`;
    expect(
      await apply('iam:CreateServiceLinkedRole', other, { 'iam:AWSServiceName': 'elasticmapreduce.amazonaws.com' }),
    ).not.toBe('Allowed');
    expect(await apply('iam:PutRolePolicy', other)).not.toBe('Allowed');
  });

  test('writes cohort state', async () => {
    expect(await apply('s3:PutObject', `${state}/cohorts/seoul.tfstate`)).toBe('Allowed');
    expect(await apply('s3:PutObject', `${state}/bootstrap.tfstate`)).not.toBe('Allowed');
  });
});

test('the state bucket refuses requests without TLS', async () => {
  const admin = allowAll('s3:*');
  const request = (secure: string) =>
    simulate({
      identityPolicies: [admin],
      resourcePolicy: stateBucketPolicy(boot),
      action: 's3:GetObject',
      resource: `${state}/cohorts/x.tfstate`,
      context: { 'aws:SecureTransport': secure },
    });
  expect(await request('false')).toBe('ExplicitlyDenied');
  expect(await request('true')).toBe('Allowed');
});
