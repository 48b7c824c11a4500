/**
 * Thin wrapper over src/jobs/cost-report: runs the job with the ops role's credentials, writes the report to the job
 * summary and keeps the "Workshop cost report" issue up to date. The role to assume comes from actions/ops-settings.
 */
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import type { ClientOptions, CredentialProbe } from '../../src/aws/clients.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { octokitOptions } from '../../src/github/octokit-issue-comments.ts';
import { octokitReportIssues, reportBodyRoom, upsertReportIssue } from '../../src/github/report-issue.ts';
import { type ActionLog, booleanInput, runJobForAction } from '../../src/jobs/common/action-job.ts';
import { createLogger } from '../../src/jobs/common/logger.ts';
import type { JobReport, Redact } from '../../src/jobs/common/report.ts';
import { costReportJob } from '../../src/jobs/cost-report/cost-report-job.ts';
import { loadPriceTable } from '../../src/jobs/cost-report/price-file.ts';
import { fittedMarkdown } from '../../src/jobs/cost-report/report-body.ts';

export const REPORT_KEY = 'cost-report';
export const REPORT_TITLE = 'Workshop cost report';
/** A step summary holds 1 MiB; a little is left for other steps. */
const SUMMARY_MAX = 1_000_000;

/** Only for tests: the fetch Octokit sends its requests through, the clock, the AWS endpoint, the credential probe. */
export interface Deps {
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => Date;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
}

/** core's log, with every masked value also kept here, so what goes to the issue is redacted like the logs. */
function redactingLog(): { log: ActionLog; redact: Redact } {
  const mirror = createLogger({ write: () => undefined });
  const log: ActionLog = {
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    error: (message) => core.error(message),
    setSecret: (secret) => {
      mirror.mask(secret);
      core.setSecret(secret);
    },
  };
  return { log, redact: mirror.redact };
}

/** The token the report issue needs: checked before the job runs, so a missing one never follows sent alerts. */
function issueToken(dryRun: boolean): string | undefined {
  if (dryRun) return undefined;
  const token = core.getInput('github-token');
  if (token === '') throw new Error('github-token is needed to update the report issue (or set dry-run: true)');
  return token;
}

async function publishIssue(report: JobReport, redact: Redact, token: string, deps: Deps): Promise<void> {
  const octokit = getOctokit(token, octokitOptions(deps.fetch));
  const author = core.getInput('issue-author') || 'github-actions[bot]';
  const issues = octokitReportIssues(octokit, { ...context.repo, author });
  const body = fittedMarkdown(report, reportBodyRoom(REPORT_KEY), redact);
  const issue = await upsertReportIssue(issues, { key: REPORT_KEY, title: REPORT_TITLE, body });
  core.setOutput('issue-number', String(issue.number));
  core.setOutput('issue-url', issue.url ?? '');
  core.info(`${issue.created ? 'Created' : 'Updated'} issue #${issue.number}: ${REPORT_TITLE}`);
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const dryRun = booleanInput('dry-run', core.getInput('dry-run'));
    const token = issueToken(dryRun);
    const { fetch, ...rest } = deps;
    const { log, redact } = redactingLog();
    const result = await runJobForAction(
      costReportJob,
      { root, cohortId: core.getInput('cohort').trim(), dryRun, options: { prices: loadPriceTable(root) } },
      { log, env: process.env, ...rest },
    );
    await core.summary.addRaw(fittedMarkdown(result.report, SUMMARY_MAX, redact)).write();
    const sent = result.report.cohorts.flatMap((c) => c.alerts).filter((a) => a.sent);
    core.setOutput('failed-cohorts', result.failedCohorts.join(' '));
    core.setOutput('alerts-sent', String(sent.length));
    if (token !== undefined) await publishIssue(result.report, redact, token, fetch === undefined ? {} : { fetch });
    if (result.failedCohorts.length > 0) {
      throw new Error(`the cost report failed for ${result.failedCohorts.join(', ')}: see the job summary`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
