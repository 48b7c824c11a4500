/** What every construct of a cohort stack reads: the cohort, its names, keys and policy inputs. */
import type { CohortNames } from '../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { KmsKey } from '../cdktf-classes.ts';
import type { PolicyContext } from '../policies/policy-document.ts';

export interface CohortContext {
  readonly cohort: ResolvedCohort;
  readonly names: CohortNames;
  readonly keys: { readonly primary: KmsKey; readonly backup?: KmsKey };
  /** Input of the policy builders; its key ARNs are Terraform references to `keys`. */
  readonly policy: PolicyContext;
  /** ARN of the permissions boundary every user and role of the cohort carries. */
  readonly boundaryArn: string;
  /**
   * The GitHub workflow roles (plan, apply, ops): they read, upload and empty the cohort's buckets from runners
   * anywhere, so bucket policies exempt them from `security.allowedCidrs`.
   */
  readonly ciRoleArns: readonly string[];
  /** Folder the cohort file's relative paths (`source`, `script`) are resolved against. */
  readonly cohortDir: string;
}

/** The S3 URL of a prefix. */
export function s3Url(bucket: string, prefix = ''): string {
  return `s3://${bucket}/${prefix}`;
}
