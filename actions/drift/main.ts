/** Thin wrapper over src/jobs/drift: inputs → the drift check and its issues → job summary and outputs. */
import path from 'node:path';
import * as core from '@actions/core';
import { errorMessage } from '../../src/github/event-payload.ts';
import { githubRest } from '../../src/github/github-rest.ts';
import { restTitledIssues } from '../../src/github/titled-issue.ts';
import { actionLogger, booleanInput } from '../../src/jobs/common/action-job.ts';
import { renderMarkdown } from '../../src/jobs/common/report.ts';
import { runDrift } from '../../src/jobs/drift/drift.ts';
import { driftTargets } from '../../src/jobs/drift/drift-targets.ts';

/** Only for tests: the clock, and the fetch the GitHub client sends through. */
export interface Deps {
  readonly now?: () => Date;
  readonly fetch?: typeof globalThis.fetch;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const now = deps.now ?? (() => new Date());
    const cohort = core.getInput('cohort').trim();
    // The plan role and the state region come from actions/ops-settings; only the cohort list is drift's own.
    if (booleanInput('list-cohorts', core.getInput('list-cohorts'))) {
      const targets = await driftTargets(root, cohort === '' ? undefined : cohort, now());
      core.setOutput('cohorts', JSON.stringify(targets.cohorts));
      core.setOutput('any', String(targets.cohorts.length > 0));
      return;
    }
    const planJson = core.getInput('plan-json').trim();
    if (planJson === '') throw new Error('plan-json is required: the folder holding <cohort-id>.json plans');
    const token = core.getInput('github-token');
    if (token !== '') core.setSecret(token);
    const author = core.getInput('issue-author') || 'github-actions[bot]';
    const rest =
      token === ''
        ? undefined
        : githubRest({
            token,
            ...(process.env.GITHUB_API_URL ? { apiUrl: process.env.GITHUB_API_URL } : {}),
            ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
          });
    const logger = actionLogger(core);
    const report = await runDrift({
      root,
      planDir: path.resolve(root, planJson),
      ctx: { now, logger, dryRun: booleanInput('dry-run', core.getInput('dry-run')) },
      ...(cohort === '' ? {} : { cohortId: cohort }),
      ...(rest === undefined ? {} : { issues: (repository: string) => restTitledIssues(rest, { repository, author }) }),
    });
    await core.summary.addRaw(renderMarkdown(report, logger.redact)).write();
    const failed = report.cohorts.filter((c) => c.status === 'failed').map((c) => c.cohortId);
    const drifted = report.cohorts.filter((c) => c.status === 'warning').map((c) => c.cohortId);
    core.setOutput('failed-cohorts', failed.join(' '));
    core.setOutput('drifted-cohorts', drifted.join(' '));
    if (failed.length > 0) throw new Error(`drift could not be checked for ${failed.join(', ')}: see the job summary`);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
