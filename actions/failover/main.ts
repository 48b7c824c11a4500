/** Thin wrapper over src/jobs/failover: inputs → the pull request → outputs and job summary. */
import * as core from '@actions/core';
import { errorMessage } from '../../src/github/event-payload.ts';
import { githubRest } from '../../src/github/github-rest.ts';
import type { Direction } from '../../src/jobs/failover/cohort-file-edit.ts';
import { openFailoverPullRequest } from '../../src/jobs/failover/failover-pr.ts';

/** Only for tests: the fetch the GitHub client sends through. */
export interface Deps {
  readonly fetch?: typeof globalThis.fetch;
}

function directionInput(value: string): Direction {
  const direction = value.trim() || 'failover';
  if (direction !== 'failover' && direction !== 'failback') {
    throw new Error(`direction must be failover or failback; got "${value}"`);
  }
  return direction;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const token = core.getInput('github-token');
    if (token === '') {
      throw new Error(
        'github-token is empty: set the WORKSHOP_PR_TOKEN secret (contents and pull-requests write on this repository)',
      );
    }
    core.setSecret(token);
    const direction = directionInput(core.getInput('direction'));
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const rest = githubRest({
      token,
      ...(process.env.GITHUB_API_URL ? { apiUrl: process.env.GITHUB_API_URL } : {}),
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    });
    const pull = await openFailoverPullRequest(rest, repository, {
      cohortId: core.getInput('cohort', { required: true }).trim(),
      direction,
    });
    core.setOutput('pull-request-number', String(pull.number));
    core.setOutput('pull-request-url', pull.url);
    const what = pull.created ? 'Opened' : 'Already open:';
    core.info(`${what} pull request #${pull.number} (${pull.branch}): ${pull.url}`);
    await core.summary.addRaw(`${what} [#${pull.number}](${pull.url}) from \`${pull.branch}\`.\n`).write();
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
