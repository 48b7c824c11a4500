/**
 * Everything the app takes at run time from `constructs`, `cdktf` and `@cdktf/provider-aws` (classes, and the few
 * token helpers synthesis uses), in one file: this is the app's whole runtime surface of cdktf, so a switch to its
 * continuation (CDK Terrain) changes the package names here only. Other files import these from here; they may
 * import types (interfaces) from the packages directly, since type imports are erased (test/architecture.test.ts).
 *
 * The packages are CommonJS, and they are loaded with `require` (each provider class by its deep path, never the
 * package root, which loads all 2,200 resource modules). An ES-module `import` of a CommonJS file makes Node read
 * and lex its source for export names, following every re-export, and under tsx each load is also a round trip to
 * the loader thread; `require` does neither. On the bench machine this cut the module loading of a cold synthesis
 * from about 350 ms to 260 ms (the 45 provider modules: 190 ms to 35 ms).
 */
import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);

/**
 * `require` with source maps off. cdktf and the provider ship an inline source map in every module, which Node
 * decodes at load whenever source maps are on (tsx turns them on): 40 ms of a 0.5 s cold start. The price is that
 * cdktf's own frames in a stack trace show its JavaScript lines rather than its TypeScript ones.
 */
function load(id: string): unknown {
  const enabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    return requireModule(id);
  } finally {
    process.setSourceMapsEnabled(enabled);
  }
}

/** The provider modules the app uses, by their folder under `@cdktf/provider-aws/lib/`. */
interface ProviderModules {
  'athena-workgroup': typeof import('@cdktf/provider-aws/lib/athena-workgroup/index.js');
  'budgets-budget-action': typeof import('@cdktf/provider-aws/lib/budgets-budget-action/index.js');
  'budgets-budget': typeof import('@cdktf/provider-aws/lib/budgets-budget/index.js');
  'ce-cost-allocation-tag': typeof import('@cdktf/provider-aws/lib/ce-cost-allocation-tag/index.js');
  cloudtrail: typeof import('@cdktf/provider-aws/lib/cloudtrail/index.js');
  'cloudwatch-dashboard': typeof import('@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js');
  'cloudwatch-event-rule': typeof import('@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js');
  'cloudwatch-event-target': typeof import('@cdktf/provider-aws/lib/cloudwatch-event-target/index.js');
  'cloudwatch-log-group': typeof import('@cdktf/provider-aws/lib/cloudwatch-log-group/index.js');
  'cloudwatch-metric-alarm': typeof import('@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js');
  'glue-catalog-database': typeof import('@cdktf/provider-aws/lib/glue-catalog-database/index.js');
  'glue-crawler': typeof import('@cdktf/provider-aws/lib/glue-crawler/index.js');
  'glue-job': typeof import('@cdktf/provider-aws/lib/glue-job/index.js');
  'glue-security-configuration': typeof import('@cdktf/provider-aws/lib/glue-security-configuration/index.js');
  'glue-trigger': typeof import('@cdktf/provider-aws/lib/glue-trigger/index.js');
  'iam-group-policy-attachment': typeof import('@cdktf/provider-aws/lib/iam-group-policy-attachment/index.js');
  'iam-group': typeof import('@cdktf/provider-aws/lib/iam-group/index.js');
  'iam-openid-connect-provider': typeof import('@cdktf/provider-aws/lib/iam-openid-connect-provider/index.js');
  'iam-policy': typeof import('@cdktf/provider-aws/lib/iam-policy/index.js');
  'iam-role-policy-attachment': typeof import('@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js');
  'iam-role-policy': typeof import('@cdktf/provider-aws/lib/iam-role-policy/index.js');
  'iam-role': typeof import('@cdktf/provider-aws/lib/iam-role/index.js');
  'iam-user-group-membership': typeof import('@cdktf/provider-aws/lib/iam-user-group-membership/index.js');
  'iam-user': typeof import('@cdktf/provider-aws/lib/iam-user/index.js');
  'kms-alias': typeof import('@cdktf/provider-aws/lib/kms-alias/index.js');
  'kms-key': typeof import('@cdktf/provider-aws/lib/kms-key/index.js');
  'lakeformation-permissions': typeof import('@cdktf/provider-aws/lib/lakeformation-permissions/index.js');
  'lakeformation-resource': typeof import('@cdktf/provider-aws/lib/lakeformation-resource/index.js');
  provider: typeof import('@cdktf/provider-aws/lib/provider/index.js');
  's3-bucket-analytics-configuration': typeof import('@cdktf/provider-aws/lib/s3-bucket-analytics-configuration/index.js');
  's3-bucket-lifecycle-configuration': typeof import('@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js');
  's3-bucket-notification': typeof import('@cdktf/provider-aws/lib/s3-bucket-notification/index.js');
  's3-bucket-ownership-controls': typeof import('@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js');
  's3-bucket-policy': typeof import('@cdktf/provider-aws/lib/s3-bucket-policy/index.js');
  's3-bucket-public-access-block': typeof import('@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js');
  's3-bucket-replication-configuration': typeof import('@cdktf/provider-aws/lib/s3-bucket-replication-configuration/index.js');
  's3-bucket-server-side-encryption-configuration': typeof import('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js');
  's3-bucket-versioning': typeof import('@cdktf/provider-aws/lib/s3-bucket-versioning/index.js');
  's3-bucket': typeof import('@cdktf/provider-aws/lib/s3-bucket/index.js');
  's3-object': typeof import('@cdktf/provider-aws/lib/s3-object/index.js');
  'ses-email-identity': typeof import('@cdktf/provider-aws/lib/ses-email-identity/index.js');
  'ses-template': typeof import('@cdktf/provider-aws/lib/ses-template/index.js');
  'sns-topic-policy': typeof import('@cdktf/provider-aws/lib/sns-topic-policy/index.js');
  'sns-topic-subscription': typeof import('@cdktf/provider-aws/lib/sns-topic-subscription/index.js');
  'sns-topic': typeof import('@cdktf/provider-aws/lib/sns-topic/index.js');
}

function provider<Name extends keyof ProviderModules>(name: Name): ProviderModules[Name] {
  return load(`@cdktf/provider-aws/lib/${name}/index.js`) as ProviderModules[Name];
}

export const { Construct } = load('constructs') as typeof import('constructs');
export type Construct = InstanceType<typeof Construct>;

export const {
  App,
  AssetType,
  DefaultTokenResolver,
  LocalBackend,
  S3Backend,
  StringConcat,
  TerraformAsset,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} = load('cdktf') as typeof import('cdktf');
/** cdktf's own merge of element fragments into a stack (an internal module of the frozen 0.21 release). */
export const { deepMerge } = load('cdktf/lib/util.js') as typeof import('cdktf/lib/util.js');
export type App = InstanceType<typeof App>;
export type LocalBackend = InstanceType<typeof LocalBackend>;
export type S3Backend = InstanceType<typeof S3Backend>;
export type TerraformAsset = InstanceType<typeof TerraformAsset>;
export type TerraformElement = InstanceType<typeof TerraformElement>;
export type TerraformOutput = InstanceType<typeof TerraformOutput>;
export type TerraformStack = InstanceType<typeof TerraformStack>;
export type TerraformVariable = InstanceType<typeof TerraformVariable>;

export const { AthenaWorkgroup } = provider('athena-workgroup');
export type AthenaWorkgroup = InstanceType<typeof AthenaWorkgroup>;
export const { BudgetsBudgetAction } = provider('budgets-budget-action');
export type BudgetsBudgetAction = InstanceType<typeof BudgetsBudgetAction>;
export const { BudgetsBudget } = provider('budgets-budget');
export type BudgetsBudget = InstanceType<typeof BudgetsBudget>;
export const { CeCostAllocationTag } = provider('ce-cost-allocation-tag');
export type CeCostAllocationTag = InstanceType<typeof CeCostAllocationTag>;
export const { Cloudtrail } = provider('cloudtrail');
export type Cloudtrail = InstanceType<typeof Cloudtrail>;
export const { CloudwatchDashboard } = provider('cloudwatch-dashboard');
export type CloudwatchDashboard = InstanceType<typeof CloudwatchDashboard>;
export const { CloudwatchEventRule } = provider('cloudwatch-event-rule');
export type CloudwatchEventRule = InstanceType<typeof CloudwatchEventRule>;
export const { CloudwatchEventTarget } = provider('cloudwatch-event-target');
export type CloudwatchEventTarget = InstanceType<typeof CloudwatchEventTarget>;
export const { CloudwatchLogGroup } = provider('cloudwatch-log-group');
export type CloudwatchLogGroup = InstanceType<typeof CloudwatchLogGroup>;
export const { CloudwatchMetricAlarm } = provider('cloudwatch-metric-alarm');
export type CloudwatchMetricAlarm = InstanceType<typeof CloudwatchMetricAlarm>;
export const { GlueCatalogDatabase } = provider('glue-catalog-database');
export type GlueCatalogDatabase = InstanceType<typeof GlueCatalogDatabase>;
export const { GlueCrawler } = provider('glue-crawler');
export type GlueCrawler = InstanceType<typeof GlueCrawler>;
export const { GlueJob } = provider('glue-job');
export type GlueJob = InstanceType<typeof GlueJob>;
export const { GlueSecurityConfiguration } = provider('glue-security-configuration');
export type GlueSecurityConfiguration = InstanceType<typeof GlueSecurityConfiguration>;
export const { GlueTrigger } = provider('glue-trigger');
export type GlueTrigger = InstanceType<typeof GlueTrigger>;
export const { IamGroupPolicyAttachment } = provider('iam-group-policy-attachment');
export type IamGroupPolicyAttachment = InstanceType<typeof IamGroupPolicyAttachment>;
export const { IamGroup } = provider('iam-group');
export type IamGroup = InstanceType<typeof IamGroup>;
export const { IamOpenidConnectProvider } = provider('iam-openid-connect-provider');
export type IamOpenidConnectProvider = InstanceType<typeof IamOpenidConnectProvider>;
export const { IamPolicy } = provider('iam-policy');
export type IamPolicy = InstanceType<typeof IamPolicy>;
export const { IamRolePolicyAttachment } = provider('iam-role-policy-attachment');
export type IamRolePolicyAttachment = InstanceType<typeof IamRolePolicyAttachment>;
export const { IamRolePolicy } = provider('iam-role-policy');
export type IamRolePolicy = InstanceType<typeof IamRolePolicy>;
export const { IamRole } = provider('iam-role');
export type IamRole = InstanceType<typeof IamRole>;
export const { IamUserGroupMembership } = provider('iam-user-group-membership');
export type IamUserGroupMembership = InstanceType<typeof IamUserGroupMembership>;
export const { IamUser } = provider('iam-user');
export type IamUser = InstanceType<typeof IamUser>;
export const { KmsAlias } = provider('kms-alias');
export type KmsAlias = InstanceType<typeof KmsAlias>;
export const { KmsKey } = provider('kms-key');
export type KmsKey = InstanceType<typeof KmsKey>;
export const { LakeformationPermissions } = provider('lakeformation-permissions');
export type LakeformationPermissions = InstanceType<typeof LakeformationPermissions>;
export const { LakeformationResource } = provider('lakeformation-resource');
export type LakeformationResource = InstanceType<typeof LakeformationResource>;
export const { AwsProvider } = provider('provider');
export type AwsProvider = InstanceType<typeof AwsProvider>;
export const { S3BucketAnalyticsConfiguration } = provider('s3-bucket-analytics-configuration');
export type S3BucketAnalyticsConfiguration = InstanceType<typeof S3BucketAnalyticsConfiguration>;
export const { S3BucketLifecycleConfiguration } = provider('s3-bucket-lifecycle-configuration');
export type S3BucketLifecycleConfiguration = InstanceType<typeof S3BucketLifecycleConfiguration>;
export const { S3BucketNotification } = provider('s3-bucket-notification');
export type S3BucketNotification = InstanceType<typeof S3BucketNotification>;
export const { S3BucketOwnershipControls } = provider('s3-bucket-ownership-controls');
export type S3BucketOwnershipControls = InstanceType<typeof S3BucketOwnershipControls>;
export const { S3BucketPolicy } = provider('s3-bucket-policy');
export type S3BucketPolicy = InstanceType<typeof S3BucketPolicy>;
export const { S3BucketPublicAccessBlock } = provider('s3-bucket-public-access-block');
export type S3BucketPublicAccessBlock = InstanceType<typeof S3BucketPublicAccessBlock>;
export const { S3BucketReplicationConfigurationA } = provider('s3-bucket-replication-configuration');
export type S3BucketReplicationConfigurationA = InstanceType<typeof S3BucketReplicationConfigurationA>;
export const { S3BucketServerSideEncryptionConfigurationA } = provider(
  's3-bucket-server-side-encryption-configuration',
);
export type S3BucketServerSideEncryptionConfigurationA = InstanceType<
  typeof S3BucketServerSideEncryptionConfigurationA
>;
export const { S3BucketVersioningA } = provider('s3-bucket-versioning');
export type S3BucketVersioningA = InstanceType<typeof S3BucketVersioningA>;
export const { S3Bucket } = provider('s3-bucket');
export type S3Bucket = InstanceType<typeof S3Bucket>;
export const { S3Object } = provider('s3-object');
export type S3Object = InstanceType<typeof S3Object>;
export const { SesEmailIdentity } = provider('ses-email-identity');
export type SesEmailIdentity = InstanceType<typeof SesEmailIdentity>;
export const { SesTemplate } = provider('ses-template');
export type SesTemplate = InstanceType<typeof SesTemplate>;
export const { SnsTopicPolicy } = provider('sns-topic-policy');
export type SnsTopicPolicy = InstanceType<typeof SnsTopicPolicy>;
export const { SnsTopicSubscription } = provider('sns-topic-subscription');
export type SnsTopicSubscription = InstanceType<typeof SnsTopicSubscription>;
export const { SnsTopic } = provider('sns-topic');
export type SnsTopic = InstanceType<typeof SnsTopic>;
