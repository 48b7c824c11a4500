/**
 * IAM policy documents as plain data. Builders in this folder are pure functions (no cdktf import), so the same
 * documents are synthesized into Terraform and evaluated offline by the IAM simulation tests.
 */

import type { CohortNames } from '../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { LakeFormationMode } from '../../src/cohort/settings-schema.ts';

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
  /** `_settings.yaml` `lakeFormation`; absent means iam-only, the AWS default. */
  readonly lakeFormation?: LakeFormationMode;
}

/** Whether Lake Formation governs the cohort's catalog and registered locations. */
export function lakeFormationManaged(ctx: Pick<PolicyContext, 'lakeFormation'>): boolean {
  return ctx.lakeFormation === 'managed';
}

export function bucketArn(name: string): string {
  return `arn:aws:s3:::${name}`;
}

/** Whole-document size as IAM counts it (whitespace excluded), to compare with the limits below. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}

/** IAM and KMS size limits, in characters without whitespace. */
export const POLICY_LIMITS = {
  managedPolicy: 6_144,
  userInline: 2_048,
  groupInline: 5_120,
  roleInline: 10_240,
  // Role trust policies: 2,048 by default (a quota that can be raised to 4,096).
  trustPolicy: 2_048,
  keyPolicy: 32_768,
  bucketPolicy: 20_480,
  topicPolicy: 30_720,
} as const;

/** A document from statements; falsy entries (statements that do not apply to this cohort) are dropped. */
export function policyDocument(...statements: readonly (PolicyStatement | false | undefined)[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements.filter((s): s is PolicyStatement => Boolean(s)) };
}

/** An Allow statement; an empty condition is left out. */
export function allow(
  sid: string,
  actions: readonly string[],
  resources: string | readonly string[],
  condition?: ConditionBlock,
): PolicyStatement {
  return statement('Allow', sid, actions, resources, condition);
}

/** A Deny statement; an empty condition is left out. */
export function deny(
  sid: string,
  actions: readonly string[],
  resources: string | readonly string[],
  condition?: ConditionBlock,
): PolicyStatement {
  return statement('Deny', sid, actions, resources, condition);
}

function statement(
  effect: 'Allow' | 'Deny',
  sid: string,
  actions: readonly string[],
  resources: string | readonly string[],
  condition: ConditionBlock | undefined,
): PolicyStatement {
  const out: PolicyStatement = { Sid: sid, Effect: effect, Action: actions, Resource: resources };
  if (condition !== undefined && Object.keys(condition).length > 0) out.Condition = condition;
  return out;
}
