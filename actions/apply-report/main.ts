/** Thin wrapper over src/github/apply-report.ts: one sticky comment per cohort on the merged pull request. */
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import {
  applyCommentKey,
  applyOutcome,
  applyReportBody,
  parseStepOutcome,
  runUrl,
} from '../../src/github/apply-report.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { type ApiDeps, commentUrl, octokitOptions, workflowComments } from '../../src/github/octokit-issue-comments.ts';
import { findMergedPullRequest } from '../../src/github/pull-requests.ts';
import { upsertStickyComments } from '../../src/github/sticky-comments.ts';

/** Only for tests: the fetch Octokit sends its requests through. */
export type Deps = ApiDeps;

function actionInput(): 'plan' | 'destroy' {
  const value = core.getInput('action') || 'plan';
  if (value !== 'plan' && value !== 'destroy') throw new Error(`action must be plan or destroy; got "${value}"`);
  return value;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const cohort = core.getInput('cohort', { required: true });
    const action = actionInput();
    const outcome = applyOutcome(
      action,
      parseStepOutcome(core.getInput('outcome'), 'outcome'),
      parseStepOutcome(core.getInput('gate-outcome'), 'gate-outcome'),
    );
    const sha = core.getInput('sha') || context.sha;
    const { owner, repo } = context.repo;
    const url = runUrl(context.serverUrl, `${owner}/${repo}`, String(context.runId), String(context.runAttempt));
    const body = applyReportBody({ cohort, action, outcome, sha, runUrl: url });
    await core.summary.addRaw(`${body}\n`).write();

    const octokit = getOctokit(core.getInput('github-token', { required: true }), octokitOptions(deps.fetch));
    const pullRequest = await findMergedPullRequest(octokit, context.repo, sha);
    if (pullRequest === undefined) {
      core.warning(`no merged pull request found for ${sha}: the outcome is only in this run's summary`);
      return;
    }
    core.setOutput('pull-request', String(pullRequest));
    const comments = workflowComments(octokit, context.repo, core.getInput('comment-author'));
    const result = await upsertStickyComments(comments, pullRequest, applyCommentKey(cohort), [body]);
    const id = result.created[0] ?? result.updated[0];
    if (id !== undefined) core.setOutput('comment-url', commentUrl(context.serverUrl, context.repo, pullRequest, id));
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
