/**
 * Reads `terraform show -json PLANFILE` output into a PlanSummary. Tolerant of every format version from 0.1 to
 * 1.x and of fields it does not know; strict about what it needs, with messages that say where and what.
 */
import type { z } from 'zod';
import { diffAttributes } from './attribute-diff.ts';
import { formatPath } from './attribute-path.ts';
import { jsonSyntaxErrorPosition } from './json-syntax-error.ts';
import { isJsonObject } from './json-value.ts';
import { KNOWN_ACTION_LISTS, resolveActions } from './plan-actions.ts';
import { checkFailures } from './plan-checks.ts';
import type { OutputChangeView, PlanDiagnostic, PlanSummary, ResourceChangeView } from './plan-types.ts';
import { moduleAddressOf } from './resource-address.ts';
import {
  keySealNode,
  REDACTION_KEY,
  SEALED_REDACTION,
  type Seal,
  type SealNode,
  sealOfMarker,
} from './sensitive-seal.ts';
import { type ChangeJson, PlanJson, type ResourceChangeJson } from './terraform-plan-json.ts';

/** The input is not a plan this renderer can read; the message is one line, safe to print. */
export class PlanFormatError extends Error {
  override readonly name = 'PlanFormatError';
}

const PLAN_KEYS = ['planned_values', 'resource_changes', 'output_changes', 'resource_drift', 'errored'];
const EXPECTED = 'expected the output of `terraform show -json PLANFILE`';

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function checkIsPlan(value: unknown): asserts value is Record<string, unknown> {
  if (!isJsonObject(value))
    throw new PlanFormatError(`not a Terraform plan: found ${describeJsonType(value)}; ${EXPECTED}`);
  const version = value.format_version;
  if (typeof version !== 'string') throw new PlanFormatError(`not a Terraform plan: no "format_version"; ${EXPECTED}`);
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major))
    throw new PlanFormatError(`format_version ${JSON.stringify(version)} is not a version number`);
  // Terraform raises the major version only for incompatible changes and asks readers to refuse them.
  if (major >= 2) {
    throw new PlanFormatError(`plan format_version ${version} is not supported (this renderer reads 0.1 to 1.x)`);
  }
  if (!PLAN_KEYS.some((key) => key in value)) {
    const hint =
      'values' in value
        ? 'this is a Terraform state (`terraform show -json` was run without a plan file)'
        : `it has none of ${PLAN_KEYS.join(', ')}`;
    throw new PlanFormatError(`not a Terraform plan: ${hint}; ${EXPECTED}`);
  }
}

/** `resource_changes[3] (aws_s3_bucket.raw).change.actions`: the path, with the address of the change it is in. */
function issuePath(issue: z.core.$ZodIssue, raw: Record<string, unknown>): string {
  const [list, index] = issue.path;
  let text = '';
  for (const [position, step] of issue.path.entries()) {
    text += typeof step === 'number' ? `[${step}]` : `${text === '' ? '' : '.'}${String(step)}`;
    if (position === 1 && (list === 'resource_changes' || list === 'resource_drift') && typeof index === 'number') {
      const entry = (raw[list] as unknown[] | undefined)?.[index];
      const address = isJsonObject(entry) ? entry.address : undefined;
      if (typeof address === 'string') text += ` (${address})`;
    }
  }
  return text || '(top level)';
}

function parseShape(raw: Record<string, unknown>): PlanJson {
  const result = PlanJson.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((issue) => `${issuePath(issue, raw)}: ${issue.message}`);
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more problems)` : '';
  throw new PlanFormatError(`not a valid Terraform plan: ${issues.join('; ')}${more}`);
}

function actionOf(actions: readonly string[], where: string) {
  const resolved = resolveActions(actions);
  if (!resolved) {
    throw new PlanFormatError(
      `${where}: unknown actions ${JSON.stringify(actions)} (known: ${KNOWN_ACTION_LISTS.join(', ')}); ` +
        'the plan may come from a newer Terraform than this renderer knows',
    );
  }
  return resolved;
}

function attributesOf(change: ChangeJson, sealNode: SealNode | undefined) {
  const replacePaths = change.replace_paths ?? [];
  return diffAttributes(
    {
      before: change.before,
      after: change.after,
      beforeSensitive: change.before_sensitive,
      afterSensitive: change.after_sensitive,
      afterUnknown: change.after_unknown,
      replacePaths,
    },
    sealNode,
  );
}

function resourceView(entry: ResourceChangeJson, where: string, sealNode: SealNode | undefined): ResourceChangeView {
  const { action, replaceOrder } = actionOf(entry.change.actions, `${where} (${entry.address})`);
  const previousAddress = entry.previous_address ?? undefined;
  const importing = entry.change.importing;
  return {
    address: entry.address,
    previousAddress,
    deposed: entry.deposed ?? undefined,
    type: entry.type,
    name: entry.name,
    index: entry.index ?? undefined,
    providerName: entry.provider_name ?? undefined,
    moduleAddress: entry.module_address ?? moduleAddressOf(entry.address),
    mode: entry.mode ?? 'managed',
    action,
    actions: entry.change.actions,
    replaceOrder,
    actionReason: entry.action_reason ?? undefined,
    importing: importing ? { id: importing.id ?? undefined } : undefined,
    moved: previousAddress !== undefined && previousAddress !== entry.address,
    attributes: attributesOf(entry.change, sealNode),
    replacePaths: (entry.change.replace_paths ?? []).map(formatPath),
  };
}

function outputView(name: string, change: ChangeJson): OutputChangeView {
  const { action } = actionOf(change.actions, `output_changes.${name}`);
  const attributes = attributesOf(change, undefined);
  return { name, action, sensitive: attributes.some((attribute) => attribute.sensitive), attributes };
}

function diagnosticsOf(plan: PlanJson): PlanDiagnostic[] | undefined {
  return plan.diagnostics?.map((diagnostic) => ({
    severity: diagnostic.severity,
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? undefined,
    address: diagnostic.address ?? undefined,
    range: diagnostic.range
      ? {
          filename: diagnostic.range.filename,
          start: { line: diagnostic.range.start.line, column: diagnostic.range.start.column },
        }
      : undefined,
  }));
}

export interface ReadPlanOptions {
  /**
   * Seals sensitive values for the digest (src/plan/sensitive-seal.ts); without it they are left out. A plan
   * redacted with seals (by the plan job) carries its own and needs no key.
   */
  readonly seal?: Seal | undefined;
  /** False where only a plan as `terraform show -json` writes it will do (the apply gate): a redacted one is refused. */
  readonly allowRedacted?: boolean;
}

/** Reads each sealed marker back into its seal; a sensitive value left unsealed makes the file no sealed plan. */
const markerSealNode: SealNode = (value) => {
  const seal = sealOfMarker(value);
  if (seal === undefined)
    throw new PlanFormatError('a sensitive value of this sealed plan is not sealed: redact it again');
  return seal;
};

function sealNodeFor(value: Record<string, unknown>, options: ReadPlanOptions): SealNode | undefined {
  const redaction = value[REDACTION_KEY];
  if (redaction !== undefined && options.allowRedacted === false) {
    throw new PlanFormatError(
      'this is a redacted plan; the apply gate reads the plan as `terraform show -json PLANFILE` writes it',
    );
  }
  if (redaction === SEALED_REDACTION) return markerSealNode;
  return options.seal === undefined ? undefined : keySealNode(options.seal);
}

/** Reads an already-parsed plan (e.g. `JSON.parse` of the file). Throws PlanFormatError for anything else. */
export function parsePlan(value: unknown, options: ReadPlanOptions = {}): PlanSummary {
  checkIsPlan(value);
  const plan = parseShape(value);
  const sealNode = sealNodeFor(value, options);
  return {
    formatVersion: plan.format_version,
    terraformVersion: plan.terraform_version ?? undefined,
    errored: plan.errored === true,
    complete: plan.complete ?? undefined,
    changes: (plan.resource_changes ?? []).map((entry, i) => resourceView(entry, `resource_changes[${i}]`, sealNode)),
    drift: (plan.resource_drift ?? []).map((entry, i) => resourceView(entry, `resource_drift[${i}]`, undefined)),
    outputChanges: Object.entries(plan.output_changes ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, change]) => outputView(name, change)),
    diagnostics: diagnosticsOf(plan),
    checkFailures: checkFailures(plan),
  };
}

/** Reads the text of a `terraform show -json` file. */
export function parsePlanText(text: string, options: ReadPlanOptions = {}): PlanSummary {
  if (text.trim() === '') throw new PlanFormatError(`the file is empty; ${EXPECTED}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const position = jsonSyntaxErrorPosition(text);
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    throw new PlanFormatError(`not JSON: syntax error${where}; ${EXPECTED}`);
  }
  return parsePlan(value, options);
}
