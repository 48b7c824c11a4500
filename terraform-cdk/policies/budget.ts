/**
 * The budget action (pitfall 9): at `freezeAtPercent` AWS Budgets assumes the action role and attaches the freeze
 * policy to the students group. It is a backstop: budget data lags by hours and running queries and jobs go on.
 */
import { cohortPolicyArn, studentsGroupArn } from './arns.ts';
import { allow, deny, type PolicyContext, type PolicyDocument, policyDocument } from './policy-document.ts';
import { serviceTrust } from './service-trust.ts';

export function budgetActionTrust(ctx: PolicyContext): PolicyDocument {
  return serviceTrust('budgets.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ctx.accountId } });
}

export function budgetActionRolePolicy(ctx: PolicyContext): PolicyDocument {
  return policyDocument(
    allow('AttachOnlyTheFreezePolicy', ['iam:AttachGroupPolicy', 'iam:DetachGroupPolicy'], studentsGroupArn(ctx), {
      ArnEquals: { 'iam:PolicyARN': cohortPolicyArn(ctx, 'freeze') },
    }),
  );
}

/** Deny every write that costs money or changes data; reads, stopping runs and password changes stay. */
export function freezePolicy(_ctx: PolicyContext): PolicyDocument {
  return policyDocument(
    deny(
      'FreezeWrites',
      [
        's3:Put*',
        's3:Delete*',
        's3:RestoreObject',
        'athena:Start*',
        'athena:Create*',
        'athena:Update*',
        'athena:Delete*',
        'glue:Start*',
        'glue:Create*',
        'glue:Update*',
        'glue:Delete*',
        'glue:BatchCreate*',
        'glue:BatchDelete*',
        'glue:BatchUpdate*',
      ],
      '*',
    ),
  );
}
