/**
 * The shape of a guardrail rule and of what it reports. A rule reads the Terraform JSON and returns findings that
 * name the resource address and say what to fix; an empty list means the rule passed.
 */
import type { TerraformConfig, TfResource } from './terraform-json.ts';

export type Severity = 'error' | 'warning';

/** `cohort`: only cohort stacks; `all`: cohort stacks and the account's `bootstrap` stack. */
export type Applicability = 'cohort' | 'all';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** A resource address (`aws_s3_bucket.raw`), a provider (`provider.aws`), a resource type when one is missing
   * (`aws_budgets_budget`), or `cdk.tf.json` for the file as a whole. */
  readonly address: string;
  readonly message: string;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly appliesTo: Applicability;
  readonly description: string;
  check(config: TerraformConfig): Finding[];
}

/** A finding at the rule's own severity. */
export function finding(rule: Pick<Rule, 'id' | 'severity'>, address: string, message: string): Finding {
  return { ruleId: rule.id, severity: rule.severity, address, message };
}

/** A warning that the rule could not see a document it needs (computed or unparsable), whatever its severity. */
export function cannotCheck(rule: Pick<Rule, 'id'>, address: string, what: string, reason: string): Finding {
  return {
    ruleId: rule.id,
    severity: 'warning',
    address,
    message: `cannot check ${what}: ${reason}; write it as a JSON string or an aws_iam_policy_document data source`,
  };
}

/** One finding per resource of `type` that has problems: `<summary>; <problem>; <problem>`. */
export function problemsPerResource(
  rule: Pick<Rule, 'id' | 'severity'>,
  config: TerraformConfig,
  type: string,
  summary: string,
  problems: (resource: TfResource) => readonly string[],
): Finding[] {
  return config.resources(type).flatMap((resource) => {
    const found = problems(resource);
    return found.length === 0 ? [] : [finding(rule, resource.address, `${summary}; ${found.join('; ')}`)];
  });
}

/** A finding addressed to the resource type when the stack has none of it (a required resource is missing). */
export function requireType(
  rule: Pick<Rule, 'id' | 'severity'>,
  config: TerraformConfig,
  type: string,
  message: string,
): Finding[] {
  return config.resources(type).length === 0 ? [finding(rule, type, message)] : [];
}
