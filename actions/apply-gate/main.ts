/** Thin wrapper over src/github/apply-gate.ts: finds the merged pull request, decides, fails when refused. */
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { decideApply } from '../../src/github/apply-gate.ts';
import { assertCohortId } from '../../src/github/changed-targets.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { readInputFile } from '../../src/github/input-file.ts';
import { type ApiDeps, octokitOptions, workflowComments } from '../../src/github/octokit-issue-comments.ts';
import { findMergedPullRequest } from '../../src/github/pull-requests.ts';
import { hasSensitiveChange } from '../../src/plan/plan-digest.ts';
import { parsePlanText } from '../../src/plan/read-plan.ts';
import { DIGEST_KEY_ENV, sensitiveSeal } from '../../src/plan/sensitive-seal.ts';

/** Only for tests: the fetch Octokit sends its requests through. */
export type Deps = ApiDeps;

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const cohort = core.getInput('cohort', { required: true });
    assertCohortId(cohort, 'cohort');
    const planFile = core.getInput('plan-json', { required: true });
    const token = core.getInput('github-token', { required: true });
    const sha = core.getInput('sha') || context.sha;
    const digestKey = core.getInput('digest-key');
    if (digestKey !== '') core.setSecret(digestKey);
    const seal = digestKey === '' ? undefined : sensitiveSeal(digestKey);
    const plan = parsePlanText(await readInputFile(planFile, 'write it with `terraform show -json PLANFILE` first'), {
      seal,
      allowRedacted: false,
    });
    if (seal === undefined && hasSensitiveChange(plan)) {
      core.warning(
        `no digest-key: the plan has sensitive values, and a change to them alone would not change the digest; ` +
          `set the ${DIGEST_KEY_ENV} secret for the plan and apply workflows`,
      );
    }

    const octokit = getOctokit(token, octokitOptions(deps.fetch));
    const pullRequest = await findMergedPullRequest(octokit, context.repo, sha);
    const comments = workflowComments(octokit, context.repo, core.getInput('comment-author'));
    const decision = await decideApply({ cohort, plan, sha, pullRequest, comments });

    core.setOutput('digest', decision.digest);
    core.setOutput('pull-request', pullRequest === undefined ? '' : String(pullRequest));
    core.setOutput('approved', String(decision.approved));
    await core.summary.addRaw(`### ${decision.approved ? '✅' : '⛔'} Apply gate: ${decision.message}\n`).write();
    if (decision.approved) core.info(decision.message);
    else core.setFailed(decision.message);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
