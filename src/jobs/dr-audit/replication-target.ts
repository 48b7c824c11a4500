/**
 * What the cohort stack configures for replication (terraform-cdk/constructs/replication.ts; src/ cannot import
 * it, so a test keeps the two equal): the one rule's id, which CloudWatch's replication metrics carry as the RuleId
 * dimension, and the Replication Time Control target the audit and the drill measure against.
 */
export const REPLICATION_RULE_ID = 'cohort-backup';
export const RTC_TARGET_MINUTES = 15;
export const RTC_TARGET_SECONDS = RTC_TARGET_MINUTES * 60;
