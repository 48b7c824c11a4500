/**
 * `terraform show -json PLANFILE` prints sensitive values in the clear: in `before`/`after` (masked only by the
 * `*_sensitive` flags beside them), and in `variables`, `prior_state`, `planned_values` and `configuration`. The PR
 * workflow uploads plans as artifacts, which anyone who can read the repository can download, so they are redacted
 * first: only the keys the renderer reads are kept, and every value a sensitivity mask covers becomes a marker.
 *
 * The redacted plan reads back to the same PlanSummary as the original (the reader drops sensitive values
 * anyway), so the review and the plan digest do not change. Two sides of a sensitive leaf get the same marker
 * when they were equal and different markers when not: the review still says whether a secret changed, and no
 * more. With the digest key, each value becomes its seal (an HMAC, src/plan/sensitive-seal.ts) instead: equal
 * values still get equal markers, and the plan reads back to the digest the apply gate computes from the original.
 */
import { deepEqual, isJsonObject, jsonChild, toJsonValue } from '../plan/json-value.ts';
import { MARKER_REDACTION, REDACTION_KEY, SEALED_REDACTION, type Seal, sealedMarker } from '../plan/sensitive-seal.ts';

export const SENSITIVE_MARKER = '(redacted sensitive value)';
export const SENSITIVE_CHANGED_MARKER = '(redacted sensitive value, changed)';

/** What `src/plan/terraform-plan-json.ts` reads; everything else is dropped. */
const PLAN_KEYS = [
  'format_version',
  'terraform_version',
  'errored',
  'complete',
  'timestamp',
  'applyable',
  'resource_changes',
  'resource_drift',
  'output_changes',
  'diagnostics',
  'checks',
  'condition_results',
] as const;
const RESOURCE_KEYS = [
  'address',
  'previous_address',
  'module_address',
  'mode',
  'type',
  'name',
  'index',
  'deposed',
  'provider_name',
  'action_reason',
  'change',
] as const;
// Not `generated_config`: Terraform writes the imported object's attributes there, secrets included.
const CHANGE_KEYS = ['actions', 'before', 'after', 'after_unknown', 'before_sensitive', 'after_sensitive'] as const;
const CHANGE_EXTRA_KEYS = ['replace_paths', 'importing'] as const;

function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(value, key)) out[key] = value[key];
  return out;
}

function keysOf(value: unknown): (string | number)[] {
  if (Array.isArray(value)) return value.map((_, index) => index);
  return isJsonObject(value) ? Object.keys(value) : [];
}

function rebuild(value: unknown, replace: (key: string | number) => unknown): unknown {
  if (Array.isArray(value)) return value.map((_, index) => replace(index));
  if (!isJsonObject(value)) return value;
  // fromEntries defines each key as data, "__proto__" included (an assignment would set the prototype instead).
  return Object.fromEntries(Object.keys(value).map((key) => [key, replace(key)]));
}

/** null stays null: it is no secret, and replacing it would turn "set from nothing" into "changed". */
function marker(value: unknown, text: string): unknown {
  return value === null || value === undefined ? value : text;
}

type Markers = (before: unknown, after: unknown) => [unknown, unknown];

const changeMarkers: Markers = (before, after) => [
  marker(before, SENSITIVE_MARKER),
  marker(after, deepEqual(before, after) ? SENSITIVE_MARKER : SENSITIVE_CHANGED_MARKER),
];

function sealMarkers(seal: Seal): Markers {
  const sealed = (value: unknown) => marker(value, sealedMarker(seal(toJsonValue(value))));
  return (before, after) => [sealed(before), sealed(after)];
}

/**
 * Walks both sides with both masks, as the reader does, and replaces each side's value where either mask says
 * `true` (the reader turns exactly that node into one sensitive leaf).
 */
function redactSides(
  before: unknown,
  after: unknown,
  beforeMask: unknown,
  afterMask: unknown,
  markers: Markers,
): [unknown, unknown] {
  if (beforeMask === true || afterMask === true) return markers(before, after);
  if (keysOf(before).length === 0 && keysOf(after).length === 0) return [before, after];
  const pairs = new Map<string | number, [unknown, unknown]>();
  const sides = (key: string | number) => {
    let pair = pairs.get(key);
    if (pair === undefined) {
      pair = redactSides(
        jsonChild(before, key),
        jsonChild(after, key),
        jsonChild(beforeMask, key),
        jsonChild(afterMask, key),
        markers,
      );
      pairs.set(key, pair);
    }
    return pair;
  };
  return [rebuild(before, (key) => sides(key)[0]), rebuild(after, (key) => sides(key)[1])];
}

function redactChange(change: unknown, markers: Markers): unknown {
  if (!isJsonObject(change)) return change;
  const [before, after] = redactSides(
    change.before,
    change.after,
    change.before_sensitive,
    change.after_sensitive,
    markers,
  );
  const out = { ...pick(change, CHANGE_KEYS), ...pick(change, CHANGE_EXTRA_KEYS) };
  if (Object.hasOwn(change, 'before')) out.before = before;
  if (Object.hasOwn(change, 'after')) out.after = after;
  return out;
}

function redactResource(entry: unknown, markers: Markers): unknown {
  if (!isJsonObject(entry)) return entry;
  const out = pick(entry, RESOURCE_KEYS);
  if (Object.hasOwn(entry, 'change')) out.change = redactChange(entry.change, markers);
  return out;
}

export interface RedactOptions {
  /** The digest key's seal: sensitive values become their seals, so the digest still covers them. */
  readonly seal?: Seal | undefined;
}

/** A copy of a parsed `terraform show -json` plan that holds no sensitive value and only what the review reads. */
export function redactPlanJson(plan: unknown, options: RedactOptions = {}): unknown {
  if (!isJsonObject(plan)) return plan;
  // Only the resource changes the digest covers are sealed; drift and outputs keep the plain markers.
  const changes = options.seal === undefined ? changeMarkers : sealMarkers(options.seal);
  const out = pick(plan, PLAN_KEYS);
  out[REDACTION_KEY] = options.seal === undefined ? MARKER_REDACTION : SEALED_REDACTION;
  const entries = (list: unknown, markers: Markers) =>
    Array.isArray(list) ? list.map((entry) => redactResource(entry, markers)) : undefined;
  const resourceChanges = entries(plan.resource_changes, changes);
  if (resourceChanges !== undefined) out.resource_changes = resourceChanges;
  const drift = entries(plan.resource_drift, changeMarkers);
  if (drift !== undefined) out.resource_drift = drift;
  const outputs = plan.output_changes;
  if (isJsonObject(outputs)) {
    out.output_changes = Object.fromEntries(
      Object.entries(outputs).map(([name, change]) => [name, redactChange(change, changeMarkers)]),
    );
  }
  return out;
}
