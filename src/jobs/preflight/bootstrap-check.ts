/**
 * The account-level prerequisites every cohort stack assumes: the credentials are the settings' account, and the
 * bootstrap stack's roles (plan, apply, ops) and state bucket exist.
 */
import type { IamAccountApi } from '../../aws/iam-account.ts';
import type { S3BucketExistsApi } from '../../aws/s3-bucket-exists.ts';
import type { StsApi } from '../../aws/sts.ts';
import { blocker, type Finding, guarded, ok } from './finding.ts';

export interface BootstrapRoles {
  readonly plan: string;
  readonly apply: string;
  readonly ops: string;
}

export interface BootstrapExpectation {
  readonly accountId: string;
  readonly roles: BootstrapRoles;
  readonly stateBucket: string;
}

const APPLY_BOOTSTRAP = 'apply the bootstrap stack once (README, "One-time setup of an AWS account")';

function accountFinding(sts: StsApi, accountId: string): Promise<Finding[]> {
  const check = 'AWS account';
  return guarded(check, async () => {
    const caller = await sts.callerAccount();
    return [
      caller === accountId
        ? ok(check, `the credentials are in ${accountId}, the account of the settings`)
        : blocker(
            check,
            `the credentials are in account ${caller}, but the settings name ${accountId}: use that account`,
          ),
    ];
  });
}

function roleFinding(iam: IamAccountApi, purpose: keyof BootstrapRoles, arn: string): Promise<Finding[]> {
  const check = `${purpose} role`;
  const name = arn.split('/').at(-1) ?? arn;
  return guarded(check, async () => [
    (await iam.roleExists(name))
      ? ok(check, `${arn} exists`)
      : blocker(check, `${arn} does not exist: ${APPLY_BOOTSTRAP}`),
  ]);
}

function bucketFinding(s3: S3BucketExistsApi, bucket: string): Promise<Finding[]> {
  const check = 'state bucket';
  return guarded(check, async () => {
    switch (await s3.bucketState(bucket)) {
      case 'exists':
        return [ok(check, `${bucket} exists`)];
      case 'missing':
        return [blocker(check, `${bucket} does not exist: ${APPLY_BOOTSTRAP}`)];
      case 'forbidden':
        return [
          blocker(
            check,
            `${bucket} exists but these credentials may not use it: another account owns the name, or the role lacks s3:ListBucket on it`,
          ),
        ];
    }
  });
}

export async function bootstrapFindings(
  apis: { readonly sts: StsApi; readonly iam: IamAccountApi; readonly s3: S3BucketExistsApi },
  expected: BootstrapExpectation,
): Promise<Finding[]> {
  const { roles } = expected;
  const results = await Promise.all([
    accountFinding(apis.sts, expected.accountId),
    roleFinding(apis.iam, 'plan', roles.plan),
    roleFinding(apis.iam, 'apply', roles.apply),
    roleFinding(apis.iam, 'ops', roles.ops),
    bucketFinding(apis.s3, expected.stateBucket),
  ]);
  return results.flat();
}
