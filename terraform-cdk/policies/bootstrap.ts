/**
 * Account-level policies of the bootstrap stack: the GitHub OIDC roles and the Terraform state bucket. Every cohort
 * resource name starts with `<namePrefix>-` (Glue databases `<name_prefix>_`), and every cohort user, group, role
 * and policy lives under `/workshops/`, so the apply role is scoped on those.
 */
import { MANAGED_BY, TAG_MANAGED_BY } from '../../src/cohort/names.ts';
import { OBSERVABILITY_READS } from './actions.ts';
import { allow, bucketArn, deny, type PolicyDocument, policyDocument } from './policy-document.ts';

/** GitHub environment that guards applies from main; the apply role trusts only jobs running in it. */
export const APPLY_ENVIRONMENT = 'workshops-apply';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Account-level inputs of the bootstrap stack. */
export interface BootstrapPolicyContext {
  readonly accountId: string;
  /** OWNER/REPO */
  readonly repository: string;
  readonly stateBucket: string;
  readonly namePrefix: string;
  readonly stateRegion: string;
}

export function githubOidcProviderArn(ctx: BootstrapPolicyContext): string {
  return `arn:aws:iam::${ctx.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

/** Pull-request jobs of this repository only (forks get no OIDC token on `pull_request`). */
export function githubPlanTrust(ctx: BootstrapPolicyContext): PolicyDocument {
  // Read-only, so also the daily drift plans on main.
  return githubTrust(ctx, [`repo:${ctx.repository}:pull_request`, `repo:${ctx.repository}:ref:refs/heads/main`]);
}

/** Jobs of this repository running in the protected apply environment (deployment branch: main). */
export function githubApplyTrust(ctx: BootstrapPolicyContext): PolicyDocument {
  return githubTrust(ctx, `repo:${ctx.repository}:environment:${APPLY_ENVIRONMENT}`);
}

/** Scheduled and manual operations running on main. */
export function githubOpsTrust(ctx: BootstrapPolicyContext): PolicyDocument {
  return githubTrust(ctx, `repo:${ctx.repository}:ref:refs/heads/main`);
}

function githubTrust(ctx: BootstrapPolicyContext, subject: string | readonly string[]): PolicyDocument {
  return policyDocument({
    Sid: 'GitHubActionsOidc',
    Effect: 'Allow',
    Principal: { Federated: githubOidcProviderArn(ctx) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: subject },
    },
  });
}

/** What `terraform plan` reads to refresh cohort stacks, on every resource (reads only). */
const PLAN_READS = [
  's3:ListAllMyBuckets',
  's3:GetBucket*',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetEncryptionConfiguration',
  's3:GetAccelerateConfiguration',
  's3:GetAnalyticsConfiguration',
  's3:GetIntelligentTieringConfiguration',
  's3:GetInventoryConfiguration',
  's3:GetMetricsConfiguration',
  's3:ListBucket',
  'glue:Get*',
  'glue:List*',
  'glue:BatchGet*',
  'athena:Get*',
  'athena:List*',
  'athena:BatchGet*',
  'iam:Get*',
  'iam:List*',
  'kms:Describe*',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:List*',
  'logs:Describe*',
  'logs:ListTagsForResource',
  'logs:ListTagsLogGroup',
  'sns:Get*',
  'sns:List*',
  'events:Describe*',
  'events:List*',
  ...OBSERVABILITY_READS,
  'cloudwatch:Describe*',
  'cloudwatch:ListTagsForResource',
  'budgets:View*',
  'budgets:Describe*',
  'budgets:ListTagsForResource',
  'cloudtrail:Describe*',
  'cloudtrail:Get*',
  'cloudtrail:List*',
  'ses:Get*',
  'ses:List*',
  'ce:ListCostAllocationTags',
  'lakeformation:GetDataLakeSettings',
  'lakeformation:ListPermissions',
  'lakeformation:DescribeResource',
  'lakeformation:ListResources',
  'servicequotas:Get*',
  'servicequotas:List*',
  'sts:GetCallerIdentity',
];

/**
 * Reads of objects in cohort buckets: Terraform refreshes the seeded datasets and scripts with HeadObject (which
 * IAM authorizes as GetObject). No kms:Decrypt comes with it, so object bodies stay unreadable.
 */
function cohortObjectReads(ctx: BootstrapPolicyContext) {
  return allow('RefreshCohortObjects', ['s3:GetObject', 's3:GetObjectTagging'], `arn:aws:s3:::${ctx.namePrefix}-*/*`);
}

/** Reading state objects, which the state bucket may encrypt with KMS (bucket key: the context is the bucket). */
export function stateDecrypt(ctx: BootstrapPolicyContext, actions: readonly string[]) {
  return allow('UseStateBucketKey', actions, '*', {
    StringEquals: {
      'kms:ViaService': `s3.${ctx.stateRegion}.amazonaws.com`,
      'kms:EncryptionContext:aws:s3:arn': bucketArn(ctx.stateBucket),
    },
  });
}

/** Connection properties can hold passwords: never part of "read-only". */
const DENY_SECRET_READS = deny('NoConnectionSecrets', ['glue:GetConnection', 'glue:GetConnections'], '*');

/** The pull-request role: read-only, state read, and the S3-native lock objects of `use_lockfile`. */
export function planRolePolicy(ctx: BootstrapPolicyContext): PolicyDocument {
  const state = bucketArn(ctx.stateBucket);
  return policyDocument(
    allow('ReadOnly', PLAN_READS, '*'),
    cohortObjectReads(ctx),
    allow('ReadState', ['s3:ListBucket', 's3:GetObject'], [state, `${state}/*`]),
    allow('WriteStateLocks', ['s3:PutObject', 's3:DeleteObject'], `${state}/*.tflock`),
    stateDecrypt(ctx, ['kms:Decrypt', 'kms:GenerateDataKey']),
    DENY_SECRET_READS,
  );
}

/** The apply role: plan's reads plus creating, changing and destroying the cohort stacks' resources. */
export function applyRolePolicy(ctx: BootstrapPolicyContext): PolicyDocument {
  const p = ctx.namePrefix;
  const a = ctx.accountId;
  const state = bucketArn(ctx.stateBucket);
  const db = p.replaceAll('-', '_');
  const iam = (resource: string) => `arn:aws:iam::${a}:${resource}`;
  const glue = (resource: string) => `arn:aws:glue:*:${a}:${resource}`;
  const managed = { StringEquals: { [`aws:ResourceTag/${TAG_MANAGED_BY}`]: MANAGED_BY } };
  return policyDocument(
    allow('ReadOnly', PLAN_READS, '*'),
    allow('ReadWriteCohortState', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], `${state}/cohorts/*`),
    allow('ListState', ['s3:ListBucket'], state),
    // Teardown archives a destroyed cohort's final report, then lists what still carries its tag.
    allow('ArchiveFinalReports', ['s3:PutObject'], `${state}/ops/reports/*`),
    allow('TeardownReads', ['tag:GetResources', 'ce:GetCostAndUsage'], '*'),
    stateDecrypt(ctx, ['kms:Decrypt', 'kms:GenerateDataKey']),
    allow('CohortBuckets', ['s3:*'], [`arn:aws:s3:::${p}-*`, `arn:aws:s3:::${p}-*/*`]),
    allow(
      'CohortUsersRolesWithBoundary',
      ['iam:CreateUser', 'iam:CreateRole', 'iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
      [iam('user/workshops/*'), iam('role/workshops/*')],
      { ArnLike: { 'iam:PermissionsBoundary': iam('policy/workshops/*') } },
    ),
    allow(
      'CohortIam',
      [
        'iam:UpdateUser',
        'iam:DeleteUser',
        'iam:TagUser',
        'iam:UntagUser',
        'iam:AddUserToGroup',
        'iam:RemoveUserFromGroup',
        'iam:DeleteLoginProfile',
        'iam:DeactivateMFADevice',
        'iam:DeleteAccessKey',
        'iam:DeleteSigningCertificate',
        'iam:DeleteSSHPublicKey',
        'iam:DeleteServiceSpecificCredential',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy',
        'iam:DeleteRole',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:CreateGroup',
        'iam:UpdateGroup',
        'iam:DeleteGroup',
        'iam:PutGroupPolicy',
        'iam:DeleteGroupPolicy',
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:DeletePolicy',
        'iam:TagPolicy',
        'iam:UntagPolicy',
        'iam:DetachUserPolicy',
        'iam:DetachGroupPolicy',
        'iam:DetachRolePolicy',
      ],
      [iam('user/workshops/*'), iam('group/workshops/*'), iam('role/workshops/*'), iam('policy/workshops/*')],
    ),
    // Students' own MFA devices (named after their users) go with their users at teardown.
    allow('DeleteStudentMfaDevices', ['iam:DeleteVirtualMFADevice'], iam(`mfa/${p}-*`)),
    allow(
      'AttachOnlyCohortPolicies',
      ['iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy'],
      [iam('user/workshops/*'), iam('group/workshops/*'), iam('role/workshops/*')],
      { ArnLike: { 'iam:PolicyARN': iam('policy/workshops/*') } },
    ),
    allow('PassCohortRoles', ['iam:PassRole'], iam('role/workshops/*'), {
      StringEquals: {
        'iam:PassedToService': [
          'glue.amazonaws.com',
          's3.amazonaws.com',
          'cloudtrail.amazonaws.com',
          'budgets.amazonaws.com',
        ],
      },
    }),
    allow('CreateTaggedKeys', ['kms:CreateKey'], '*', {
      StringEquals: { [`aws:RequestTag/${TAG_MANAGED_BY}`]: MANAGED_BY },
    }),
    allow(
      'ManageOwnKeys',
      [
        'kms:PutKeyPolicy',
        'kms:EnableKeyRotation',
        'kms:UpdateKeyDescription',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:ScheduleKeyDeletion',
        'kms:CreateAlias',
        'kms:DeleteAlias',
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:GenerateDataKey*',
      ],
      `arn:aws:kms:*:${a}:key/*`,
      managed,
    ),
    allow('ManageCohortAliases', ['kms:CreateAlias', 'kms:DeleteAlias'], `arn:aws:kms:*:${a}:alias/workshops/${p}-*`),
    allow(
      'CohortCatalog',
      [
        'glue:CreateDatabase',
        'glue:UpdateDatabase',
        'glue:DeleteDatabase',
        'glue:CreateTable',
        'glue:UpdateTable',
        'glue:DeleteTable',
        'glue:BatchDeleteTable',
        'glue:TagResource',
        'glue:UntagResource',
      ],
      [glue('catalog'), glue(`database/${db}_*`), glue(`table/${db}_*/*`)],
    ),
    allow('CohortGlue', ['glue:*'], [glue(`crawler/${p}-*`), glue(`job/${p}-*`), glue(`trigger/${p}-*`)]),
    allow(
      'GlueSecurityConfigurationsAndSesTemplates',
      [
        'glue:CreateSecurityConfiguration',
        'glue:DeleteSecurityConfiguration',
        'ses:CreateTemplate',
        'ses:UpdateTemplate',
        'ses:DeleteTemplate',
      ],
      '*',
    ),
    allow('CohortSesV2Templates', ['ses:*EmailTemplate'], `arn:aws:ses:*:${a}:template/${p}-*`),
    allow('CohortWorkgroups', ['athena:*'], `arn:aws:athena:*:${a}:workgroup/${p}-*`),
    allow(
      'CohortLogGroups',
      ['logs:*'],
      [`arn:aws:logs:*:${a}:log-group:/workshops/${p}-*`, `arn:aws:logs:*:${a}:log-group:/aws-glue/workshops/${p}-*`],
    ),
    allow('CohortTrails', ['cloudtrail:*'], `arn:aws:cloudtrail:*:${a}:trail/${p}-*`),
    allow('CohortTopics', ['sns:*'], `arn:aws:sns:*:${a}:${p}-*`),
    allow('CohortRules', ['events:*'], `arn:aws:events:*:${a}:rule/${p}-*`),
    allow(
      'CohortAlarmsAndDashboards',
      ['cloudwatch:*'],
      [`arn:aws:cloudwatch:*:${a}:alarm:${p}-*`, `arn:aws:cloudwatch::${a}:dashboard/${p}-*`],
    ),
    allow('CohortBudgets', ['budgets:*'], `arn:aws:budgets::${a}:budget/${p}-*`),
    // Lake Formation grants and registered locations for `lakeFormation: managed`; the data-lake admin list is
    // never changed.
    allow(
      'LakeFormationGrants',
      [
        'lakeformation:GrantPermissions',
        'lakeformation:RevokePermissions',
        'lakeformation:BatchGrantPermissions',
        'lakeformation:BatchRevokePermissions',
        'lakeformation:RegisterResource',
        'lakeformation:DeregisterResource',
      ],
      '*',
    ),
    // Registering with Lake Formation's service-linked role creates it the first time, and adds each location
    // to its inline policy on the caller's behalf.
    allow('LakeFormationServiceLinkedRole', ['iam:CreateServiceLinkedRole'], '*', {
      StringEquals: { 'iam:AWSServiceName': 'lakeformation.amazonaws.com' },
    }),
    allow(
      'LakeFormationLocationsPolicy',
      ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
      iam('role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess'),
    ),
    deny(
      'NeverAccessKeysOrAdminChanges',
      [
        'iam:CreateAccessKey',
        'iam:DeleteUserPermissionsBoundary',
        'iam:DeleteRolePermissionsBoundary',
        'lakeformation:PutDataLakeSettings',
      ],
      '*',
    ),
    DENY_SECRET_READS,
  );
}

/** The Terraform state bucket: TLS only. */
/**
 * The state bucket's key: administered through IAM (the account root principal), so only principals whose IAM
 * policies grant it — the plan, apply and ops roles, through S3 and for this bucket only — can read state.
 */
export function stateKeyPolicy(ctx: BootstrapPolicyContext): PolicyDocument {
  return policyDocument({
    Sid: 'AccountAdministersThroughIam',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  });
}

export function stateBucketPolicy(ctx: BootstrapPolicyContext): PolicyDocument {
  const bucket = bucketArn(ctx.stateBucket);
  return policyDocument({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucket, `${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}
