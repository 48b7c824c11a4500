/** Thin wrapper over src/github/fork-pull-request.ts: the workflow_run event → the fork's open pull request. */
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { errorMessage } from '../../src/github/event-payload.ts';
import { findForkPullRequest, forkRunOf } from '../../src/github/fork-pull-request.ts';
import { type ApiDeps, octokitOptions } from '../../src/github/octokit-issue-comments.ts';

/** Only for tests: the fetch Octokit sends its requests through. */
export type Deps = ApiDeps;

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const token = core.getInput('github-token', { required: true });
    const forkRun = forkRunOf(context.payload);
    const octokit = getOctokit(token, octokitOptions(deps.fetch));
    const result = await findForkPullRequest(octokit, context.repo, forkRun);
    core.setOutput('found', String(result.found));
    if (!result.found) {
      core.notice(`No review comment: ${result.why}`);
      return;
    }
    core.setOutput('pull-number', String(result.number));
    core.setOutput('base-sha', result.baseSha);
    core.setOutput('head-sha', forkRun.headSha);
    core.setOutput('head-repository', forkRun.headRepository);
    core.info(`pull request #${result.number}: ${forkRun.headRepository}@${forkRun.headSha} onto ${result.baseSha}`);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
