/** Thin wrapper: posts comment-parts.json as sticky comments (src/github/sticky-comments.ts) and the summary. */
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { errorMessage, isForbidden, isForkPullRequest, issueNumberOf } from '../../src/github/event-payload.ts';
import { type ApiDeps, commentUrl, octokitOptions, workflowComments } from '../../src/github/octokit-issue-comments.ts';
import { readCommentParts, readReview, stepSummaryText } from '../../src/github/review-output.ts';
import { upsertStickyComments } from '../../src/github/sticky-comments.ts';
import { recordingWrites } from '../../src/github/sticky-part.ts';

/** Only for tests: the fetch Octokit sends its requests through. */
export type Deps = ApiDeps;

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const dir = core.getInput('review-dir', { required: true });
    const token = core.getInput('github-token', { required: true });
    const issueNumber = issueNumberOf(core.getInput('issue-number'), context.payload);
    const [parts, review] = await Promise.all([readCommentParts(dir), readReview(dir)]);
    // The summary first: if posting fails, the review is still on the run page.
    await core.summary.addRaw(stepSummaryText(review)).write();

    const octokit = getOctokit(token, octokitOptions(deps.fetch));
    const { api, written } = recordingWrites(workflowComments(octokit, context.repo, core.getInput('comment-author')));
    try {
      const result = await upsertStickyComments(api, issueNumber, parts.key, parts.parts);
      core.info(
        `#${issueNumber}: ${result.created.length} created, ${result.updated.length} updated, ${result.deleted.length} deleted`,
      );
    } catch (error) {
      if (!(isForbidden(error) && isForkPullRequest(context.payload))) throw error;
      core.warning(
        'GitHub gives pull requests from forks a read-only token, so the review could not be posted as a comment; ' +
          'it is in the job summary and the review artifact',
      );
      core.setOutput('posted', 'false');
      return;
    }
    const first = written[0];
    core.setOutput('posted', 'true');
    core.setOutput('comment-ids', JSON.stringify(written));
    if (first !== undefined) {
      core.setOutput('comment-id', String(first));
      core.setOutput('comment-url', commentUrl(context.serverUrl, context.repo, issueNumber, first));
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
