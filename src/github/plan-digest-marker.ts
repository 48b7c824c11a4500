/**
 * The hidden line that records, in the first part of the review comment, the digest of each cohort's reviewed
 * plan; the apply workflow reads it back and refuses a re-plan with another digest. Both sides use these two
 * functions, so the format is defined once.
 *
 * The markers open the comment (after the sticky marker), and only that leading block is read: text further down —
 * a Terraform error message quoted in a code block, a cohort title — can never record a digest.
 */

/** Cohort ids are lowercase kebab-case; the digest is SHA-256 hex (see src/plan/plan-digest.ts). */
const MARKER = /^<!-- workshop-plan-digest:([a-z][a-z0-9-]*[a-z0-9])=([0-9a-f]{64}) -->$/;

export function planDigestMarker(cohortId: string, digest: string): string {
  const line = `<!-- workshop-plan-digest:${cohortId}=${digest} -->`;
  if (!MARKER.test(line)) throw new Error(`cannot record digest "${digest}" for "${cohortId}"`);
  return line;
}

/** The sticky-comment marker that opens every part (src/github/sticky-comments.ts). */
const STICKY_MARKER = /^<!-- workshop-gitops:[\w.:-]+ part=\d+ -->$/;

/**
 * Every digest recorded for `cohortId` in the leading block of marker lines of `body`, without repeats: more than
 * one means the comment is ambiguous.
 */
export function recordedDigests(body: string, cohortId: string): string[] {
  const found = new Set<string>();
  const line = new RegExp(MARKER.source);
  for (const text of body.split('\n')) {
    if (STICKY_MARKER.test(text)) continue;
    const match = line.exec(text);
    if (match === null) break;
    if (match[1] === cohortId && match[2] !== undefined) found.add(match[2]);
  }
  return [...found];
}
