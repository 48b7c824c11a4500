/**
 * A fingerprint of what a plan will do, recorded in the review comment and compared by the apply workflow, which
 * refuses to apply a re-plan whose fingerprint differs from the reviewed one.
 *
 * It covers every resource change Terraform would show (address, deposed key, previous address, import id,
 * actions, and every leaf of the planned object), sorted so the order of `resource_changes` does not matter.
 * Unknown leaves are replaced by a marker. Sensitive leaves are replaced by a marker and, when the plan was read
 * with the digest key or redacted with it, the value's seals (HMACs, src/plan/sensitive-seal.ts): the digest input
 * holds no secret, and a re-plan that changes only a sensitive value changes the digest. Without the key (an offline
 * run) a change to a sensitive value alone does not change the digest.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './json-value.ts';
import { isShownChange } from './plan-counts.ts';
import type { AttributeChange, PlanSummary, ResourceChangeView } from './plan-types.ts';

const DIGEST_VERSION = 'workshop-plan-digest/v1';

/** Tagged so no real value can collide with a marker. */
function encodeAfter(attribute: AttributeChange): JsonValue {
  if (attribute.sensitive) {
    // Sealed, whether part of the value is still unknown counts too: the seals cover only what is known.
    return attribute.sealedAfter === undefined
      ? ['sensitive']
      : ['sensitive', attribute.sealedAfter, attribute.unknown];
  }
  if (attribute.unknown) return ['unknown'];
  return ['value', attribute.after ?? null];
}

function entry(change: ResourceChangeView): JsonValue {
  return {
    address: change.address,
    deposed: change.deposed ?? null,
    previousAddress: change.previousAddress ?? null,
    importId: change.importing ? (change.importing.id ?? '') : null,
    actions: [...change.actions],
    after: change.attributes
      .filter((attribute) => attribute.hasAfter)
      .map((attribute) => [attribute.path, encodeAfter(attribute)]),
  };
}

/** The exact text that is hashed; exposed so tests can prove it holds no sensitive value. */
export function digestInput(plan: PlanSummary): string {
  const entries = plan.changes
    .filter(isShownChange)
    .map((change) => canonicalJson(entry(change)))
    .sort();
  return `${DIGEST_VERSION}\n${entries.join('\n')}`;
}

/** Whether a change the digest covers has a sensitive attribute after it (what the digest key seals). */
export function hasSensitiveChange(plan: PlanSummary): boolean {
  return plan.changes.filter(isShownChange).some((change) => change.attributes.some((a) => a.sensitive && a.hasAfter));
}

/** SHA-256 hex of `digestInput(plan)`. */
export function planDigest(plan: PlanSummary): string {
  return createHash('sha256').update(digestInput(plan), 'utf8').digest('hex');
}
