/**
 * Requests as the tests write them: ARNs spelled out in AWS's own formats (not with the builders under test), the
 * cohort tag Glue checks, and an "allow everything in a service" policy for counterparts.
 */
import type { PolicyContext, PolicyDocument } from '../../../terraform-cdk/policies/policy-document.ts';
import type { Actor, Context } from './actors.ts';
import { ACCOUNT } from './simulate.ts';

export type Request = readonly [action: string, resource: string, context?: Context];

export const run = (who: Actor, [action, resource, context]: Request) => who(action, resource, context);

export const s3Arn = (bucket: string, key?: string) => `arn:aws:s3:::${bucket}${key === undefined ? '' : `/${key}`}`;
export const glueArn = (region: string, resource: string) => `arn:aws:glue:${region}:${ACCOUNT}:${resource}`;
export const workgroupArn = (region: string, name: string) => `arn:aws:athena:${region}:${ACCOUNT}:workgroup/${name}`;
export const logGroupArn = (region: string, group: string) => `arn:aws:logs:${region}:${ACCOUNT}:log-group:${group}`;
export const userArn = (ctx: PolicyContext, studentId: string) =>
  `arn:aws:iam::${ACCOUNT}:user${ctx.names.iamPath}${ctx.names.studentUser(studentId)}`;

/** Terraform's default tags put the cohort tag on every crawler and job, which Glue checks as aws:ResourceTag. */
export const taggedFor = (ctx: PolicyContext): Context => ({ 'aws:ResourceTag/workshop:cohort': ctx.cohort.id });

/** An identity policy allowing every action matching `action` on everything. */
export function allowAll(action = '*'): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] };
}
