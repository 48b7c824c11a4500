/** The role CloudTrail assumes to deliver the cohort trail's events to its CloudWatch Logs group. */
import { regionalArn } from './arns.ts';
import { allow, type PolicyContext, type PolicyDocument, policyDocument } from './policy-document.ts';
import { serviceTrust } from './service-trust.ts';

export function trailLogsTrust(): PolicyDocument {
  return serviceTrust('cloudtrail.amazonaws.com');
}

export function trailLogsRolePolicy(ctx: PolicyContext): PolicyDocument {
  const streams = regionalArn(
    ctx,
    'logs',
    ctx.cohort.regions.primary,
    `log-group:${ctx.names.trailLogGroup}:log-stream:*`,
  );
  return policyDocument(allow('DeliverTrailEvents', ['logs:CreateLogStream', 'logs:PutLogEvents'], streams));
}
