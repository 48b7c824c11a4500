/**
 * The apply workflow's last check before `terraform apply`: the fresh plan must be the one reviewed on the merged
 * pull request. "The same" means the same plan digest (src/plan/plan-digest.ts), recorded in the first part of the
 * review comment. Anything else (no pull request, no comment, no digest, another digest) refuses, saying why and
 * what to do.
 */
import { isShownChange } from '../plan/plan-counts.ts';
import { planDigest } from '../plan/plan-digest.ts';
import type { PlanSummary } from '../plan/plan-types.ts';
import { recordedDigests } from './plan-digest-marker.ts';
import type { IssueCommentsApi } from './sticky-comments.ts';
import { readStickyPart } from './sticky-part.ts';

/** The sticky key of the review comment, as `workshop plan` writes it in comment-parts.json. */
export const PLAN_COMMENT_KEY = 'plan';

export interface GateRequest {
  readonly cohort: string;
  readonly plan: PlanSummary;
  /** The commit being applied, for messages. */
  readonly sha: string;
  /** The merged pull request of that commit, if one was found. */
  readonly pullRequest: number | undefined;
  /** Comments of the workflow's own author only (see octokitIssueComments' `author`). */
  readonly comments: IssueCommentsApi;
}

export type GateDecision =
  | { readonly approved: true; readonly digest: string; readonly hasChanges: boolean; readonly message: string }
  | { readonly approved: false; readonly digest: string; readonly message: string };

const RERUN = 're-run the PR workflow and review again';

function short(digest: string): string {
  return digest.slice(0, 12);
}

export async function decideApply(request: GateRequest): Promise<GateDecision> {
  const { cohort, plan, pullRequest } = request;
  const digest = planDigest(plan);
  const hasChanges = plan.changes.some(isShownChange);
  const refuse = (message: string): GateDecision => ({ approved: false, digest, message });

  if (plan.errored) return refuse(`the plan for ${cohort} failed: nothing is applied; fix the errors above`);
  if (!hasChanges) {
    return { approved: true, digest, hasChanges, message: `${cohort} has no changes: nothing to apply` };
  }
  if (pullRequest === undefined) {
    return refuse(
      `no merged pull request found for commit ${request.sha}: only plans reviewed on a pull request are applied; ` +
        `make the change through a pull request`,
    );
  }
  const body = await readStickyPart(request.comments, pullRequest, PLAN_COMMENT_KEY, 1);
  if (body === undefined) {
    return refuse(`no plan comment from the workflow on #${pullRequest}: ${RERUN}`);
  }
  const recorded = recordedDigests(body, cohort);
  if (recorded.length === 0) {
    return refuse(
      `the plan comment on #${pullRequest} records no reviewed plan for ${cohort} (its Terraform plan was skipped or ` +
        `failed; pull requests from forks get no plan): ${RERUN}, from a branch of this repository`,
    );
  }
  if (recorded.length > 1) {
    return refuse(
      `the plan comment on #${pullRequest} records ${recorded.length} different plans for ${cohort}: ${RERUN}`,
    );
  }
  if (recorded[0] !== digest) {
    return refuse(
      `the plan differs from the one reviewed on #${pullRequest}: ${RERUN} ` +
        `(reviewed ${short(recorded[0] ?? '')}, now ${short(digest)})`,
    );
  }
  return {
    approved: true,
    digest,
    hasChanges,
    message: `the plan for ${cohort} is the one reviewed on #${pullRequest}`,
  };
}
