/**
 * A deterministic `terraform show -json`-shaped plan of any size, for the rendering benchmark and the
 * comment-splitting tests: mostly creates (a new cohort), some updates, and one replace and one delete in every
 * hundred changes, with AWS-like attributes, unknowns and a sensitive value.
 */

export interface SyntheticPlanOptions {
  /** One replace and one delete in every this many changes (default 100). */
  readonly destructiveEvery?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TYPES = ['aws_iam_user', 'aws_athena_workgroup', 'aws_s3_object', 'aws_iam_user_policy_attachment'];

function resource(i: number, type: string, actions: string[], before: Json, after: Json, extra: Json = {}): Json {
  return {
    address: `module.cohort_${Math.floor(i / 500)}.${type}.r${i}`,
    module_address: `module.cohort_${Math.floor(i / 500)}`,
    mode: 'managed',
    type,
    name: `r${i}`,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before,
      after,
      after_unknown: actions.includes('create') ? { arn: true, id: true } : {},
      before_sensitive: before === null ? false : { password: true },
      after_sensitive: after === null ? false : { password: true },
      ...(extra as Record<string, Json>),
    },
  };
}

function attributes(i: number, version: number): { [key: string]: Json } {
  return {
    name: `acme-cohort-${Math.floor(i / 500)}-s${i}-v${version}`,
    password: 'synthetic-secret',
    tags: { 'workshop:cohort': `cohort-${Math.floor(i / 500)}`, owner: `instructor-${i % 7}@example.com` },
    force_destroy: version > 1,
    bytes_scanned_cutoff_per_query: 10_737_418_240 * version,
  };
}

function change(i: number, every: number): Json {
  const type = TYPES[i % TYPES.length] ?? 'aws_iam_user';
  if (i % every === every - 1) {
    return resource(i, 'aws_s3_bucket', ['delete'], { ...attributes(i, 1), id: `b${i}` }, null, {});
  }
  if (i % every === every - 2) {
    return resource(i, type, ['delete', 'create'], { ...attributes(i, 1), id: `x${i}` }, attributes(i, 2), {
      replace_paths: [['name']],
    });
  }
  if (i % 7 === 3) {
    return resource(i, type, ['update'], { ...attributes(i, 1), id: `x${i}` }, { ...attributes(i, 2), id: `x${i}` });
  }
  return resource(i, type, ['create'], null, attributes(i, 1));
}

export function syntheticPlan(count: number, options: SyntheticPlanOptions = {}): Record<string, Json> {
  const every = options.destructiveEvery ?? 100;
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    errored: false,
    complete: true,
    planned_values: { root_module: {} },
    resource_changes: Array.from({ length: count }, (_, i) => change(i, every)),
  };
}
