/**
 * Student access ends with the cohort: every policy attached to a student-facing principal (an aws_iam_group or
 * aws_iam_user of the stack) is time-bounded.
 *
 * A policy is time-bounded when each action it allows is denied after the access end by a Deny statement whose only
 * conditions are `DateGreaterThan`/`DateGreaterThanEquals` on `aws:CurrentTime` and which applies to every resource.
 * That Deny may sit in the policy itself or in another policy attached to the same principal (for a user, also to
 * a group it belongs to): an explicit Deny in any attached policy wins, and the stacks keep the Allow statements and
 * the deny guard in separate documents. A managed policy from outside the stack (an ARN literal) can allow anything,
 * so it needs a guard denying `*`.
 */
import { coversAllResources, type ParsedPolicy, type Statement, wildcardMatches } from '../iam-policy.ts';
import { interpolations } from '../interpolation.ts';
import { stringList } from '../json-values.ts';
import { cannotCheck, type Finding, finding, type Rule } from '../rule.ts';
import type { TerraformConfig, TfResource } from '../terraform-json.ts';

type AttachedPolicy =
  | { readonly address: string; readonly kind: 'document'; readonly parsed: ParsedPolicy }
  | { readonly address: string; readonly kind: 'external'; readonly arn: string };

/** How each principal type is named by inline policies, attachments and exclusive attachments. */
const PRINCIPAL_ARGUMENTS = {
  aws_iam_group: {
    inline: 'aws_iam_group_policy',
    attachment: 'aws_iam_group_policy_attachment',
    one: 'group',
    many: 'groups',
    exclusive: 'aws_iam_group_policy_attachments_exclusive',
    exclusiveName: 'group_name',
  },
  aws_iam_user: {
    inline: 'aws_iam_user_policy',
    attachment: 'aws_iam_user_policy_attachment',
    one: 'user',
    many: 'users',
    exclusive: 'aws_iam_user_policy_attachments_exclusive',
    exclusiveName: 'user_name',
  },
} as const;

function managedPolicies(config: TerraformConfig, arns: unknown, attachment: TfResource): AttachedPolicy[] {
  return stringList(arns).map((arn) => {
    const policy = config.referencedResources(arn, 'aws_iam_policy')[0];
    return policy === undefined
      ? { address: attachment.address, kind: 'external', arn }
      : { address: policy.address, kind: 'document', parsed: config.policy(policy.body.policy) };
  });
}

function attachedTo(config: TerraformConfig, principal: TfResource): AttachedPolicy[] {
  const args = PRINCIPAL_ARGUMENTS[principal.type as keyof typeof PRINCIPAL_ARGUMENTS];
  const refers = (r: TfResource, arg: string) => config.refersTo(r.body[arg], principal);
  const out: AttachedPolicy[] = [
    ...config
      .resources(args.inline)
      .filter((r) => refers(r, args.one))
      .map((r): AttachedPolicy => ({ address: r.address, kind: 'document', parsed: config.policy(r.body.policy) })),
    ...config
      .resources(args.attachment)
      .filter((r) => refers(r, args.one))
      .flatMap((r) => managedPolicies(config, r.body.policy_arn, r)),
    ...config
      .resources('aws_iam_policy_attachment')
      .filter((r) => refers(r, args.many))
      .flatMap((r) => managedPolicies(config, r.body.policy_arn, r)),
    ...config
      .resources(args.exclusive)
      .filter((r) => refers(r, args.exclusiveName))
      .flatMap((r) => managedPolicies(config, r.body.policy_arns, r)),
  ];
  // The same policy may be attached twice (an attachment and an exclusive attachment): report it once.
  const unique = new Map(out.map((p) => [p.kind === 'external' ? `${p.address} ${p.arn}` : p.address, p]));
  return [...unique.values()];
}

/** The groups a user belongs to, through either membership resource. */
function groupsOf(config: TerraformConfig, user: TfResource): TfResource[] {
  return config
    .resources('aws_iam_group')
    .filter(
      (group) =>
        config
          .resources('aws_iam_user_group_membership')
          .some((m) => config.refersTo(m.body.user, user) && config.refersTo(m.body.groups, group)) ||
        config
          .resources('aws_iam_group_membership')
          .some((m) => config.refersTo(m.body.group, group) && config.refersTo(m.body.users, user)),
    );
}

const DATE_AFTER = /^DateGreaterThan(Equals)?(IfExists)?$/i;

function isDate(value: string): boolean {
  return interpolations(value).length > 0 || /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));
}

function isTimeBound(s: Statement): boolean {
  return (
    s.effect === 'Deny' &&
    coversAllResources(s) &&
    s.conditions.length > 0 &&
    s.conditions.every(
      (c) =>
        DATE_AFTER.test(c.operator) &&
        c.key.toLowerCase() === 'aws:currenttime' &&
        c.values.length > 0 &&
        c.values.every(isDate),
    )
  );
}

function denies(deny: Statement, action: string): boolean {
  if (deny.actions !== undefined) return deny.actions.some((pattern) => wildcardMatches(pattern, action));
  if (deny.notActions !== undefined) {
    return !deny.notActions.some((n) => wildcardMatches(n, action) || wildcardMatches(action, n));
  }
  return false;
}

function deniesEverything(guards: readonly Statement[]): boolean {
  return guards.some((d) => d.actions?.some((a) => a.trim() === '*') === true);
}

function bounded(allow: Statement, guards: readonly Statement[]): boolean {
  if (allow.actions === undefined) return deniesEverything(guards);
  return allow.actions.every((action) => guards.some((d) => denies(d, action)));
}

const FIX = 'add a Deny of "*" on "*" with DateGreaterThan aws:CurrentTime set to the access end';

function principalFindings(config: TerraformConfig, principal: TfResource): Finding[] {
  const attached = attachedTo(config, principal);
  const inherited =
    principal.type === 'aws_iam_user' ? groupsOf(config, principal).flatMap((g) => attachedTo(config, g)) : [];
  const guards = [...attached, ...inherited].flatMap((p) =>
    p.kind === 'document' && p.parsed.ok ? p.parsed.document.statements.filter(isTimeBound) : [],
  );
  const where = `in this policy or another policy attached to ${principal.address}`;
  return attached.flatMap((p): Finding[] => {
    if (p.kind === 'external') {
      if (deniesEverything(guards)) return [];
      return [
        finding(
          iamTimeBounded,
          p.address,
          `attaches ${p.arn} to ${principal.address} with no time bound; ${FIX} to a policy attached to ${principal.address}`,
        ),
      ];
    }
    if (!p.parsed.ok) {
      return deniesEverything(guards)
        ? []
        : [cannotCheck(iamTimeBounded, p.address, `the policy attached to ${principal.address}`, p.parsed.reason)];
    }
    const open = p.parsed.document.statements.flatMap((s, i) =>
      s.effect === 'Allow' && !bounded(s, guards) ? [s.sid ?? `#${i + 1}`] : [],
    );
    if (open.length === 0) return [];
    const sids = open.join(', ');
    return [
      finding(
        iamTimeBounded,
        p.address,
        `grants ${principal.address} access with no time bound (statements ${sids}); ${FIX}, ${where}`,
      ),
    ];
  });
}

export const iamTimeBounded: Rule = {
  id: 'iam-time-bounded',
  severity: 'error',
  appliesTo: 'cohort',
  description:
    'Every policy attached to a student-facing principal (aws_iam_group, aws_iam_user) is bounded by a Deny after aws:CurrentTime passes the access end.',
  check(config) {
    return [...config.resources('aws_iam_group'), ...config.resources('aws_iam_user')].flatMap((principal) =>
      principalFindings(config, principal),
    );
  },
};
