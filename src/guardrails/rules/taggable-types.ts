/**
 * Resource types that take a `tags` argument in the AWS provider (checked against @cdktf/provider-aws 21, AWS
 * provider 6.25), limited to the services the workshop stacks use. Maintain it when a stack starts using a new
 * type. Types not listed here are exempt from the cohort tag unless they carry their own `tags`. Not taggable in
 * provider v6, so deliberately absent: aws_iam_group, the aws_s3_bucket_* companions, aws_kms_alias,
 * aws_sns_topic_subscription, aws_sns_topic_policy, aws_cloudwatch_dashboard, aws_cloudwatch_event_target,
 * aws_glue_security_configuration, aws_ses_template, the IAM attachments and memberships.
 */
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set([
  // storage and encryption
  'aws_s3_bucket',
  'aws_s3_object',
  'aws_kms_key',
  'aws_kms_replica_key',
  // identity
  'aws_iam_user',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_openid_connect_provider',
  'aws_iam_service_linked_role',
  // catalog and ETL
  'aws_glue_catalog_database',
  'aws_glue_connection',
  'aws_glue_crawler',
  'aws_glue_job',
  'aws_glue_trigger',
  'aws_glue_workflow',
  // analytics
  'aws_athena_workgroup',
  'aws_athena_data_catalog',
  // observability and notifications
  'aws_sns_topic',
  'aws_sqs_queue',
  'aws_cloudtrail',
  'aws_cloudwatch_log_group',
  'aws_cloudwatch_metric_alarm',
  'aws_cloudwatch_composite_alarm',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_bus',
  'aws_sesv2_email_identity',
  'aws_sesv2_configuration_set',
  'aws_lambda_function',
  // cost
  'aws_budgets_budget',
  'aws_budgets_budget_action',
]);
