import { describe, expect, it } from 'vitest';
import { decideApply, PLAN_COMMENT_KEY } from '../../src/github/apply-gate.ts';
import { planDigestMarker } from '../../src/github/plan-digest-marker.ts';
import { stickyMarker } from '../../src/github/sticky-comments.ts';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { MIN_DIGEST_KEY_LENGTH, sensitiveSeal } from '../../src/plan/sensitive-seal.ts';
import { fixtureJson, loadFixture } from '../plan/plan-fixtures.ts';
import { MemoryComments } from './memory-comments.ts';

const reviewed = loadFixture('basic-create.json');
const other = loadFixture('basic-delete.json');
const SHA = 'f'.repeat(40);

/** Part 1 of a review: the sticky marker, the digest markers, then the summary. */
function review(...lines: string[]): string {
  return [stickyMarker(PLAN_COMMENT_KEY, 1), ...lines, '', '## Workshop plan'].join('\n');
}

async function decide(comments: MemoryComments, plan = reviewed, pullRequest: number | null = 7) {
  return decideApply({ cohort: 'seoul', plan, sha: SHA, pullRequest: pullRequest ?? undefined, comments });
}

describe('decideApply', () => {
  it('approves the plan whose digest the review recorded for the cohort', async () => {
    const comments = new MemoryComments();
    comments.add(
      7,
      review(planDigestMarker('busan', planDigest(other)), planDigestMarker('seoul', planDigest(reviewed))),
    );
    const decision = await decide(comments);
    expect(decision).toMatchObject({ approved: true, digest: planDigest(reviewed) });
  });

  it('with the digest key, refuses a re-plan that changes only a sensitive value', async () => {
    const seal = sensitiveSeal('k'.repeat(MIN_DIGEST_KEY_LENGTH));
    const raw = fixtureJson('sensitive-values.json') as { resource_changes: { change: object }[] };
    const [entry] = raw.resource_changes;
    const changed = { ...raw, resource_changes: [{ ...entry, change: { ...entry?.change, after: { ami: 'new' } } }] };
    const reviewedSensitive = parsePlan(raw, { seal });
    const comments = new MemoryComments();
    comments.add(7, review(planDigestMarker('seoul', planDigest(reviewedSensitive))));

    expect((await decide(comments, parsePlan(structuredClone(raw), { seal }))).approved).toBe(true);
    const decision = await decide(comments, parsePlan(changed, { seal }));
    expect(decision.approved).toBe(false);
    expect(decision.message).toMatch(/the plan differs from the one reviewed on #7/);
  });

  it('refuses a plan that differs from the reviewed one, naming the pull request', async () => {
    const comments = new MemoryComments();
    comments.add(7, review(planDigestMarker('seoul', planDigest(other))));
    const decision = await decide(comments);
    expect(decision.approved).toBe(false);
    expect(decision.message).toMatch(
      /the plan differs from the one reviewed on #7: re-run the PR workflow and review again/,
    );
  });

  it.each([
    ['no merged pull request', null, [] as string[], /no merged pull request found for commit f{40}/],
    ['no review comment', 7, ['LGTM'], /no plan comment from the workflow on #7/],
    [
      'no digest for the cohort (a skipped or fork plan)',
      7,
      [review('no digest here')],
      /records no reviewed plan for seoul/,
    ],
    [
      'a digest in a later part only',
      7,
      [review(), `${stickyMarker(PLAN_COMMENT_KEY, 2)}\n${planDigestMarker('seoul', planDigest(reviewed))}`],
      /records no reviewed plan/,
    ],
    [
      'two different digests for the cohort',
      7,
      [review(planDigestMarker('seoul', planDigest(reviewed)), planDigestMarker('seoul', planDigest(other)))],
      /records 2 different plans/,
    ],
  ])('refuses with %s', async (_name, pullRequest, bodies, message) => {
    const comments = new MemoryComments();
    for (const body of bodies) comments.add(7, body);
    const decision = await decide(comments, reviewed, pullRequest);
    expect(decision.approved).toBe(false);
    expect(decision.message).toMatch(message);
  });

  it('does not take a human comment that quotes the marker for the review', async () => {
    const comments = new MemoryComments();
    comments.add(7, `see ${stickyMarker(PLAN_COMMENT_KEY, 1)}\n${planDigestMarker('seoul', planDigest(reviewed))}`);
    expect((await decide(comments)).approved).toBe(false);
  });

  it('approves a plan without changes with nothing recorded: there is nothing to apply', async () => {
    const noChanges = { ...reviewed, changes: [] };
    const decision = await decide(new MemoryComments(), noChanges, null);
    expect(decision).toMatchObject({ approved: true, hasChanges: false });
  });

  it('refuses an errored plan even when it matches', async () => {
    const errored = { ...reviewed, errored: true };
    const comments = new MemoryComments();
    comments.add(7, review(planDigestMarker('seoul', planDigest(errored))));
    expect((await decide(comments, errored)).approved).toBe(false);
  });
});
