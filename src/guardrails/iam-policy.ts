/**
 * IAM policy documents normalized for checking, read from a policy JSON value or from the statement blocks of an
 * `aws_iam_policy_document` data source. Values keep Terraform interpolations as they are (`${aws_kms_key.k.arn}`).
 */
import { blocks, isObject, type JsonObject, stringList } from './json-values.ts';

export interface Condition {
  /** e.g. `DateGreaterThan`, `Bool`, `StringEquals` */
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export type Principal = '*' | Readonly<Record<string, readonly string[]>>;

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principal?: Principal;
  readonly conditions: readonly Condition[];
}

export interface PolicyDocument {
  readonly statements: readonly Statement[];
}

export type ParsedPolicy =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly reason: string };

function conditionValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v) =>
    typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? [String(v)] : [],
  );
}

function jsonPrincipal(value: unknown): Principal | undefined {
  if (value === '*') return '*';
  if (!isObject(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([type, ids]) => [type, stringList(ids)]));
}

function effectOf(value: unknown): 'Allow' | 'Deny' | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'allow' ? 'Allow' : lower === 'deny' ? 'Deny' : undefined;
}

/** Builds a statement, leaving out absent parts (exactOptionalPropertyTypes forbids explicit undefined). */
function statement(parts: {
  sid: unknown;
  effect: 'Allow' | 'Deny';
  actions: unknown;
  notActions: unknown;
  resources: unknown;
  notResources: unknown;
  principal: Principal | undefined;
  conditions: Condition[];
}): Statement {
  const list = (v: unknown) => (v === undefined ? undefined : stringList(v));
  const out: {
    -readonly [K in keyof Statement]: Statement[K];
  } = { effect: parts.effect, conditions: parts.conditions };
  if (typeof parts.sid === 'string') out.sid = parts.sid;
  const actions = list(parts.actions);
  if (actions !== undefined) out.actions = actions;
  const notActions = list(parts.notActions);
  if (notActions !== undefined) out.notActions = notActions;
  const resources = list(parts.resources);
  if (resources !== undefined) out.resources = resources;
  const notResources = list(parts.notResources);
  if (notResources !== undefined) out.notResources = notResources;
  if (parts.principal !== undefined) out.principal = parts.principal;
  return out;
}

/** A policy written as IAM JSON (already parsed): `Statement` may be one object or a list. */
export function documentFromJson(value: unknown): ParsedPolicy {
  if (!isObject(value)) return { ok: false, reason: 'the policy is not a JSON object' };
  const statements: Statement[] = [];
  for (const raw of blocks(value.Statement)) {
    const effect = effectOf(raw.Effect);
    if (effect === undefined) return { ok: false, reason: `a statement has Effect ${JSON.stringify(raw.Effect)}` };
    const conditions = isObject(raw.Condition)
      ? Object.entries(raw.Condition).flatMap(([operator, tests]) =>
          isObject(tests)
            ? Object.entries(tests).map(([key, values]) => ({ operator, key, values: conditionValues(values) }))
            : [],
        )
      : [];
    statements.push(
      statement({
        sid: raw.Sid,
        effect,
        actions: raw.Action,
        notActions: raw.NotAction,
        resources: raw.Resource,
        notResources: raw.NotResource,
        principal: jsonPrincipal(raw.Principal),
        conditions,
      }),
    );
  }
  return { ok: true, document: { statements } };
}

function blockPrincipal(value: unknown): Principal | undefined {
  const list = blocks(value);
  if (list.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const p of list) {
    const type = typeof p.type === 'string' ? p.type : '';
    const ids = stringList(p.identifiers);
    // `type = "*"` with identifiers ["*"] is how the data source writes `Principal: "*"`.
    if (type === '*') return '*';
    out[type] = [...(out[type] ?? []), ...ids];
  }
  return out;
}

/** The `statement` blocks of an `aws_iam_policy_document` data source (effect defaults to Allow). */
export function statementsFromDataSource(source: JsonObject): Statement[] {
  return blocks(source.statement).map((raw) =>
    statement({
      sid: raw.sid,
      effect: effectOf(raw.effect) ?? 'Allow',
      actions: raw.actions,
      notActions: raw.not_actions,
      resources: raw.resources,
      notResources: raw.not_resources,
      principal: blockPrincipal(raw.principals),
      conditions: blocks(raw.condition).map((c) => ({
        operator: typeof c.test === 'string' ? c.test : '',
        key: typeof c.variable === 'string' ? c.variable : '',
        values: conditionValues(c.values),
      })),
    }),
  );
}

/** Whether an IAM wildcard pattern (`*`, `?`) matches a value, case-insensitively like IAM action names. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(value);
}

export function isEveryone(principal: Principal | undefined): boolean {
  if (principal === '*') return true;
  return principal !== undefined && (principal.AWS ?? []).includes('*');
}

/** A statement that applies to every resource: `Resource: "*"`, or none given (trust policies name no resource). */
export function coversAllResources(s: Statement): boolean {
  if (s.notResources !== undefined) return false;
  return s.resources === undefined || s.resources.includes('*');
}
