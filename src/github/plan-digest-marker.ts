/**
 * The hidden line that records, in the first part of the review comment, the digest of each cohort's reviewed
 * plan; the apply workflow reads it back and refuses a re-plan with another digest. Both sides use these two
 * functions, so the format is defined once.
 */

/** Cohort ids are lowercase kebab-case; the digest is SHA-256 hex (see src/plan/plan-digest.ts). */
const MARKER = /^<!-- workshop-plan-digest:([a-z][a-z0-9-]*[a-z0-9])=([0-9a-f]{64}) -->$/gm;

export function planDigestMarker(cohortId: string, digest: string): string {
  const line = `<!-- workshop-plan-digest:${cohortId}=${digest} -->`;
  if (!new RegExp(MARKER.source).test(line)) throw new Error(`cannot record digest "${digest}" for "${cohortId}"`);
  return line;
}

/** Every digest recorded for `cohortId` in `body`, without repeats: more than one means the comment is ambiguous. */
export function recordedDigests(body: string, cohortId: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(MARKER)) if (match[1] === cohortId && match[2] !== undefined) found.add(match[2]);
  return [...found];
}
