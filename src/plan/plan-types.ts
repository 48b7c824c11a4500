/**
 * The renderer's model of a Terraform plan: what `terraform show -json` says will happen, reduced to what a
 * reviewer needs. Sensitive values never enter this model (they are dropped while reading), so nothing built on
 * it can print them.
 */
import type { JsonValue } from './json-value.ts';

/** One action per resource instance; `replace` stands for both orders of delete and create. */
export type PlanAction = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | 'forget';

/**
 * How a replacement happens: Terraform's default destroys first; `create_before_destroy` creates first;
 * a `removed { lifecycle { destroy = false } }` replacement creates the new object and forgets the old one.
 */
export type ReplaceOrder = 'delete-before-create' | 'create-before-destroy' | 'create-then-forget';

export type PathSegment = string | number;

/** One leaf of a resource's attributes, compared before and after. */
export interface AttributeChange {
  /** Display path, e.g. `tags.Name`, `rule[0].filter`, `tags["workshop:cohort"]`; empty for the whole value. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  /** The value before; undefined when absent or sensitive. */
  readonly before: JsonValue | undefined;
  /** The value after; undefined when absent, unknown or sensitive. */
  readonly after: JsonValue | undefined;
  /** The attribute exists before / after the change (absent is not the same as null). */
  readonly hasBefore: boolean;
  readonly hasAfter: boolean;
  /** Sensitive on either side: both values are withheld. */
  readonly sensitive: boolean;
  /**
   * For a sensitive attribute with a value after, its seals (src/plan/sensitive-seal.ts, `sealedLeaf`) when the plan
   * was read with the digest key or redacted with it: what the digest covers instead of the value. Never the value.
   */
  readonly sealedAfter?: string;
  /** The value after is only known once applied. */
  readonly unknown: boolean;
  /** Listed in (or inside a path listed in) the change's `replace_paths`. */
  readonly forcesReplacement: boolean;
  /** False for attributes that keep their value; they are kept so the digest covers the whole planned object. */
  readonly changed: boolean;
}

export interface ResourceChangeView {
  readonly address: string;
  /** The address in the prior state when the resource moved (`moved` block or count/for_each change). */
  readonly previousAddress?: string | undefined;
  /** Set when this change is about a deposed object left by an interrupted create-before-destroy. */
  readonly deposed?: string | undefined;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number | undefined;
  readonly providerName?: string | undefined;
  /** `module.a.module.b` or undefined for the root module. */
  readonly moduleAddress?: string | undefined;
  readonly mode: 'managed' | 'data';
  readonly action: PlanAction;
  /** The plan's own action list, as Terraform wrote it (kept for the digest). */
  readonly actions: readonly string[];
  readonly replaceOrder?: ReplaceOrder | undefined;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`, `delete_because_no_resource_config`. */
  readonly actionReason?: string | undefined;
  readonly importing?: { readonly id?: string | undefined } | undefined;
  readonly moved: boolean;
  readonly attributes: readonly AttributeChange[];
  /** `replace_paths` in display form. */
  readonly replacePaths: readonly string[];
}

export interface OutputChangeView {
  readonly name: string;
  readonly action: PlanAction;
  readonly sensitive: boolean;
  /** Leaves of the output value; a plain value has one leaf with an empty path. */
  readonly attributes: readonly AttributeChange[];
}

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface PlanDiagnostic {
  /** `error` or `warning` (kept as written, so a future severity still shows). */
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string | undefined;
  readonly address?: string | undefined;
  readonly range?: { readonly filename: string; readonly start: SourcePosition } | undefined;
}

/** A failing `check` block, precondition or postcondition. */
export interface CheckFailure {
  readonly address: string;
  readonly status: 'fail' | 'error';
  readonly messages: readonly string[];
}

export interface PlanSummary {
  readonly formatVersion: string;
  readonly terraformVersion?: string | undefined;
  /** Terraform stopped with an error while planning; the changes may be incomplete. */
  readonly errored: boolean;
  /** False when Terraform deferred part of the plan to a later plan/apply round. */
  readonly complete?: boolean | undefined;
  readonly changes: readonly ResourceChangeView[];
  /** `resource_drift`: what changed outside Terraform since the last apply. */
  readonly drift: readonly ResourceChangeView[];
  readonly outputChanges: readonly OutputChangeView[];
  /** Only when the input carried diagnostics (`terraform show -json` itself never does). */
  readonly diagnostics?: readonly PlanDiagnostic[] | undefined;
  readonly checkFailures: readonly CheckFailure[];
}
