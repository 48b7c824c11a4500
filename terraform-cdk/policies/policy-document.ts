/**
 * IAM policy documents as plain data. Builders in this folder are pure functions (no cdktf import), so the same
 * documents are synthesized into Terraform and evaluated offline by the IAM simulation tests.
 */
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { CohortNames } from '../../src/cohort/names.ts';

export type ConditionBlock = Record<string, Record<string, string | boolean | readonly string[]>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | readonly string[]>;
  NotPrincipal?: Record<string, string | readonly string[]>;
  Action?: string | readonly string[];
  NotAction?: string | readonly string[];
  Resource?: string | readonly string[];
  NotResource?: string | readonly string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Everything a policy builder needs; ARNs of things only known after apply (KMS keys) are passed in. */
export interface PolicyContext {
  readonly cohort: ResolvedCohort;
  readonly names: CohortNames;
  readonly accountId: string;
  /** Always "aws": cohorts live in commercial regions. */
  readonly partition: 'aws';
  /** ARN of the cohort's KMS key in each region in use (a Terraform reference when synthesized, a literal in tests). */
  readonly keyArns: { readonly primary: string; readonly backup?: string };
  /** End of student access: the last instant of schedule.end in the cohort's time zone, as an ISO string. */
  readonly accessEnd: string;
}

export function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`;
}
