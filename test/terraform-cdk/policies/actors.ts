/**
 * Principals of a cohort as AWS would see them in a request: their policies, boundary and request context, and the
 * resource policy of whatever they touch (bucket or key policies of any cohort in the "world").
 */
import {
  bucketPolicy,
  cohortBoundary,
  keyPolicy,
  type PolicyContext,
  type PolicyDocument,
  STUDENT_ID_TAG,
  studentPolicy,
  studentTimeAndPlaceGuard,
} from '../../../terraform-cdk/policies/index.ts';
import { duringCohort } from './cohort-context.ts';
import { allowAll } from './requests.ts';
import { ACCOUNT, type Decision, simulate } from './simulate.ts';

export type Context = Readonly<Record<string, string | readonly string[]>>;
export type Actor = (action: string, resource: string, context?: Context) => Promise<Decision>;

/** The resource policy AWS would evaluate for a resource of one of these cohorts, if any. */
export function resourcePolicyIn(world: readonly PolicyContext[], resource: string): PolicyDocument | undefined {
  for (const ctx of world) {
    const bucket = /^arn:aws:s3:::([^/]+)/.exec(resource)?.[1];
    const n = ctx.names;
    const buckets = [n.bucket('raw'), n.bucket('processed'), n.bucket('results'), n.bucket('trail')];
    if (ctx.cohort.regions.backup !== undefined) buckets.push(n.replicaBucket('raw'), n.replicaBucket('processed'));
    if (ctx.cohort.regions.backup !== undefined && ctx.cohort.regions.failover) buckets.push(n.failoverResultsBucket);
    if (bucket !== undefined && buckets.includes(bucket)) {
      return bucketPolicy(ctx, bucket, { cloudtrail: bucket === ctx.names.bucket('trail') });
    }
    if (resource === ctx.keyArns.primary) return keyPolicy(ctx, 'primary');
    if (resource === ctx.keyArns.backup) return keyPolicy(ctx, 'backup');
  }
  return undefined;
}

/** Context keys every request of an IAM principal carries, at a time the cohort is running, in its region. */
function baseContext(ctx: PolicyContext, principalArn: string): Context {
  return {
    'aws:PrincipalArn': principalArn,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:CurrentTime': duringCohort(ctx),
    'aws:MultiFactorAuthPresent': 'true',
    'aws:RequestedRegion': ctx.cohort.regions.primary,
    'aws:SecureTransport': 'true',
    'aws:SourceIp': '192.0.2.10',
    'aws:ViaAWSService': 'false',
    'aws:PrincipalIsAWSService': 'false',
  };
}

interface ActorSpec {
  readonly ctx: PolicyContext;
  readonly world: readonly PolicyContext[];
  readonly principal: string;
  readonly principalArn: string;
  readonly policies: readonly PolicyDocument[];
  readonly boundary?: PolicyDocument;
  readonly context?: Context;
}

function actor(spec: ActorSpec): Actor {
  return (action, resource, context = {}) =>
    simulate({
      identityPolicies: spec.policies,
      ...(spec.boundary === undefined ? {} : { boundary: spec.boundary }),
      ...withResourcePolicy(resourcePolicyIn(spec.world, resource)),
      principal: spec.principal,
      action,
      resource,
      context: { ...baseContext(spec.ctx, spec.principalArn), ...spec.context, ...context },
    });
}

function withResourcePolicy(policy: PolicyDocument | undefined): { resourcePolicy?: PolicyDocument } {
  return policy === undefined ? {} : { resourcePolicy: policy };
}

/** A student user: the group's policies (plus `extra`, such as the freeze policy) under the cohort boundary. */
export function asStudent(
  ctx: PolicyContext,
  studentId: string,
  world: readonly PolicyContext[],
  extra: readonly PolicyDocument[] = [],
): Actor {
  const user = ctx.names.studentUser(studentId);
  const arn = `arn:aws:iam::${ACCOUNT}:user${ctx.names.iamPath}${user}`;
  return actor({
    ctx,
    world,
    principal: arn,
    principalArn: arn,
    policies: [studentPolicy(ctx), studentTimeAndPlaceGuard(ctx), ...extra],
    boundary: cohortBoundary(ctx),
    // The tag the stack puts on every student user: IAM puts the principal's tags in each request's context.
    context: { 'aws:username': user, [`aws:PrincipalTag/${STUDENT_ID_TAG}`]: studentId },
  });
}

/** A session of one of the cohort's roles, with its policy and the cohort boundary. */
export function asRole(
  ctx: PolicyContext,
  purpose: 'glue' | 'instructor' | 'replication' | 'budget-action' | 'trail-logs',
  policy: PolicyDocument,
  world: readonly PolicyContext[],
): Actor {
  return actor({
    ctx,
    world,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${ctx.names.role(purpose)}/session`,
    principalArn: `arn:aws:iam::${ACCOUNT}:role${ctx.names.iamPath}${ctx.names.role(purpose)}`,
    policies: [policy],
    boundary: cohortBoundary(ctx),
  });
}

/** An account administrator: proves that a request a test expects denied is well-formed and grantable. */
export function asAdmin(ctx: PolicyContext, world: readonly PolicyContext[]): Actor {
  const arn = `arn:aws:iam::${ACCOUNT}:user/admin`;
  return actor({
    ctx,
    world,
    principal: arn,
    principalArn: arn,
    policies: [allowAll()],
  });
}
