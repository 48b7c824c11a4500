/** Action lists shared by several policies, so a student, an instructor and the boundary agree on them. */

/** Everything a session does inside one workgroup: run and read queries, saved queries, prepared statements. */
export const ATHENA_QUERY_ACTIONS = [
  'athena:*QueryExecution*',
  'athena:GetQueryResults*',
  'athena:GetQueryRuntimeStatistics',
  'athena:GetWorkGroup',
  'athena:*NamedQuer*',
  'athena:*PreparedStatement*',
] as const;

/**
 * Account-level reads granted on "*": list actions that take no resource, a bucket's region, and Athena's catalog
 * reads (the `datacatalog` resource; Glue authorizes the tables themselves). `lakeformation:GetDataAccess` is a no-op in
 * IAM-only mode and what Athena, crawlers and jobs need when Lake Formation manages the locations.
 */
export const ACCOUNT_READS = [
  's3:ListAllMyBuckets',
  's3:GetBucketLocation',
  'athena:ListWorkGroups',
  'athena:ListDataCatalogs',
  'athena:ListEngineVersions',
  'athena:GetDataCatalog',
  'athena:ListDatabases',
  'athena:GetDatabase',
  'athena:ListTableMetadata',
  'athena:GetTableMetadata',
  'glue:ListCrawlers',
  'glue:ListJobs',
  'glue:GetCrawlerMetrics',
  'logs:DescribeLogGroups',
  'iam:GetAccountPasswordPolicy',
  'lakeformation:GetDataAccess',
] as const;

/** Catalog reads Athena and the console make with the caller's credentials (tables, partitions, functions). */
export const GLUE_CATALOG_READS = [
  'glue:GetDatabase*',
  'glue:GetTable*',
  'glue:GetPartition*',
  'glue:BatchGetPartition',
  'glue:GetUserDefinedFunction*',
] as const;

/** Table and partition writes (CREATE/ALTER/DROP TABLE, MSCK REPAIR, CTAS); `*Partition` covers the batch ones. */
export const GLUE_TABLE_WRITES = [
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:DeleteTable',
  'glue:BatchDeleteTable',
  'glue:*Partition',
] as const;

/** Reading and running one Glue job (the student's own copies, or all of the cohort's for instructors). */
export const GLUE_JOB_RUN_ACTIONS = [
  'glue:GetJob',
  'glue:StartJobRun',
  'glue:GetJobRun',
  'glue:GetJobRuns',
  'glue:BatchStopJobRun',
] as const;

/** Reads of the caller's own user and MFA devices. */
export const OWN_USER_READS = ['iam:GetUser', 'iam:GetLoginProfile', 'iam:GetMFADevice', 'iam:ListMFADevices'] as const;

/** Self-service IAM writes a student makes on their own user and MFA device. */
export const SELF_SERVICE_IAM_WRITES = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'iam:DeactivateMFADevice',
] as const;

/**
 * Password change and MFA setup: allowed without MFA (pitfall 12). Deactivating a device is not among them, so
 * removing MFA needs MFA; deleting a virtual device fails while it is enabled, so a half-finished setup can be
 * retried but a working one cannot be removed.
 */
export const SELF_SERVICE_WITHOUT_MFA = [
  ...OWN_USER_READS,
  'iam:GetAccountPasswordPolicy',
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
  'sts:GetCallerIdentity',
] as const;

/** Every IAM write, by verb (checked against the IAM action list when this was written). */
export const IAM_WRITES = [
  'iam:Accept*',
  'iam:Add*',
  'iam:Associate*',
  'iam:Attach*',
  'iam:Change*',
  'iam:Create*',
  'iam:Deactivate*',
  'iam:Delete*',
  'iam:Detach*',
  'iam:Disable*',
  'iam:Enable*',
  'iam:PassRole',
  'iam:Put*',
  'iam:Reject*',
  'iam:Remove*',
  'iam:Reset*',
  'iam:Resync*',
  'iam:Send*',
  'iam:Set*',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
  'iam:Upload*',
] as const;

/** KMS use through a service (S3, Glue, Athena results), never key management. */
export const KMS_USE = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
  'kms:DescribeKey',
] as const;

/** Reads of the account's metrics and trail events: they name no resource in IAM. */
export const OBSERVABILITY_READS = [
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  'cloudwatch:ListDashboards',
  'cloudwatch:DescribeAlarms',
  'cloudtrail:LookupEvents',
  'glue:GetSecurityConfiguration',
  'glue:ListTriggers',
] as const;
