/**
 * The parts of `terraform show -json PLANFILE` output the renderer reads, from format 0.1 (Terraform 0.12) to 1.x.
 * Objects are loose: Terraform adds fields in minor format versions and promises readers may ignore them. Fields
 * that older formats lack (`resource_drift`, `importing`, `previous_address`, `action_reason`, `replace_paths`,
 * the sensitive masks, `errored`, `terraform_version`, timestamps) are optional. `variables`, `planned_values`,
 * `prior_state` and `configuration` are deliberately not read: they hold sensitive values in the clear.
 */
import { z } from 'zod';

const PathStep = z.union([z.string(), z.number()]);

export const ChangeJson = z.looseObject({
  actions: z.array(z.string()),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  after_unknown: z.unknown().optional(),
  before_sensitive: z.unknown().optional(),
  after_sensitive: z.unknown().optional(),
  replace_paths: z.array(z.array(PathStep)).nullish(),
  importing: z.looseObject({ id: z.string().nullish() }).nullish(),
});

export const ResourceChangeJson = z.looseObject({
  address: z.string(),
  previous_address: z.string().nullish(),
  module_address: z.string().nullish(),
  mode: z.enum(['managed', 'data']).nullish(),
  type: z.string(),
  name: z.string(),
  index: z.union([z.string(), z.number()]).nullish(),
  deposed: z.string().nullish(),
  provider_name: z.string().nullish(),
  action_reason: z.string().nullish(),
  change: ChangeJson,
});

const Position = z.looseObject({ line: z.number(), column: z.number() });

export const DiagnosticJson = z.looseObject({
  severity: z.string(),
  summary: z.string(),
  detail: z.string().nullish(),
  address: z.string().nullish(),
  range: z.looseObject({ filename: z.string(), start: Position }).nullish(),
});

const CheckAddress = z.looseObject({ to_display: z.string() });

/** Format 1.2's `checks`: check blocks and pre/postconditions with their results. */
export const CheckJson = z.looseObject({
  address: CheckAddress,
  status: z.string(),
  instances: z
    .array(
      z.looseObject({
        address: CheckAddress.nullish(),
        status: z.string(),
        problems: z.array(z.looseObject({ message: z.string() })).nullish(),
      }),
    )
    .nullish(),
});

/** Format 1.1's predecessor of `checks`. */
export const ConditionResultJson = z.looseObject({
  address: z.string(),
  condition_type: z.string().nullish(),
  result: z.boolean().nullish(),
  unknown: z.boolean().nullish(),
  error_message: z.string().nullish(),
});

export const PlanJson = z.looseObject({
  format_version: z.string(),
  terraform_version: z.string().nullish(),
  errored: z.boolean().nullish(),
  complete: z.boolean().nullish(),
  resource_changes: z.array(ResourceChangeJson).nullish(),
  resource_drift: z.array(ResourceChangeJson).nullish(),
  output_changes: z.record(z.string(), ChangeJson).nullish(),
  diagnostics: z.array(DiagnosticJson).nullish(),
  checks: z.array(CheckJson).nullish(),
  condition_results: z.array(ConditionResultJson).nullish(),
});

export type ChangeJson = z.infer<typeof ChangeJson>;
export type ResourceChangeJson = z.infer<typeof ResourceChangeJson>;
export type PlanJson = z.infer<typeof PlanJson>;
