/**
 * Where policy documents live in a Terraform configuration: identity policies, role trust and inline policies, and
 * resource policies of the services the stacks use.
 */
import { digBlocks } from './json-values.ts';
import type { TerraformConfig, TfResource } from './terraform-json.ts';

export interface PolicySource {
  readonly resource: TfResource;
  /** Which argument holds the document, for messages: `policy`, `assume_role_policy`, `inline_policy "name"`. */
  readonly argument: string;
  readonly value: unknown;
}

/** Resource types and the argument holding their policy document. */
export const POLICY_ARGUMENTS: Readonly<Record<string, string>> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_iam_role: 'assume_role_policy',
  aws_s3_bucket_policy: 'policy',
  aws_s3_bucket: 'policy',
  aws_kms_key: 'policy',
  aws_kms_replica_key: 'policy',
  aws_kms_key_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_cloudwatch_log_resource_policy: 'policy_document',
  aws_cloudwatch_event_bus_policy: 'policy',
  aws_glue_resource_policy: 'policy',
};

/** Every policy document of the configuration (arguments left out are skipped). */
export function policySources(config: TerraformConfig): PolicySource[] {
  const out: PolicySource[] = [];
  for (const resource of config.resources()) {
    const argument = POLICY_ARGUMENTS[resource.type];
    if (argument !== undefined && resource.body[argument] !== undefined) {
      out.push({ resource, argument, value: resource.body[argument] });
    }
    if (resource.type === 'aws_iam_role') {
      for (const inline of digBlocks(resource.body, 'inline_policy')) {
        if (inline.policy === undefined) continue;
        const name = typeof inline.name === 'string' ? ` ${JSON.stringify(inline.name)}` : '';
        out.push({ resource, argument: `inline_policy${name}`, value: inline.policy });
      }
    }
  }
  return out;
}

/** Attachment resources and the arguments naming the managed policies they attach. */
const ATTACHMENT_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role_policy_attachment: ['policy_arn'],
  aws_iam_user_policy_attachment: ['policy_arn'],
  aws_iam_group_policy_attachment: ['policy_arn'],
  aws_iam_policy_attachment: ['policy_arn'],
  aws_iam_role_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_user_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_group_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_role: ['managed_policy_arns'],
};

/**
 * Managed policies used only as permissions boundaries. A boundary grants nothing (it only caps), so an
 * `Allow *` inside one is not a grant.
 */
export function boundaryOnlyPolicies(config: TerraformConfig): Set<string> {
  const policies = config.resources('aws_iam_policy');
  const asBoundary = (p: TfResource) =>
    [...config.resources('aws_iam_user'), ...config.resources('aws_iam_role')].some((principal) =>
      config.refersTo(principal.body.permissions_boundary, p),
    );
  const attached = (p: TfResource) =>
    Object.entries(ATTACHMENT_ARGUMENTS).some(([type, args]) =>
      config.resources(type).some((r) => args.some((arg) => config.refersTo(r.body[arg], p))),
    ) ||
    config.resources('aws_budgets_budget_action').some((action) =>
      config.refersTo(
        digBlocks(action.body, 'definition', 'iam_action_definition').map((d) => d.policy_arn),
        p,
      ),
    );
  return new Set(policies.filter((p) => asBoundary(p) && !attached(p)).map((p) => p.address));
}
