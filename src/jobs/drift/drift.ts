/**
 * `drift`: for each cohort, read its read-only plan and keep ONE issue titled `Drift: <id>` in step with it: opened
 * (or reopened) when Terraform finds changes made outside it, updated in place while they last, closed with a
 * comment when the cohort is clean again. No AWS access: the workflow plans with the plan role and hands the plans
 * over as files. A cohort whose plan is missing or failed fails, and its issue is left as it is: no plan is no news.
 */

import { stat } from 'node:fs/promises';
import { loadRepository } from '../../cohort/repository.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import {
  ISSUE_BODY_LIMIT,
  issueMarker,
  listIssues,
  markedBody,
  pickIssue,
  type TitledIssue,
  type TitledIssuesApi,
} from '../../github/titled-issue.ts';
import { ConfigError } from '../common/config-error.ts';
import { runCohortJob } from '../common/job.ts';
import type { JobContext } from '../common/job-context.ts';
import type { CohortReport, JobReport } from '../common/report.ts';
import { selectCohorts } from '../common/run-job.ts';
import { DRIFT_ISSUE_KIND, driftIssueBody, driftIssueTitle } from './drift-issue-body.ts';
import { type CohortPlan, driftedResources, readCohortPlan } from './drift-plan.ts';

export const DRIFT_JOB = 'drift';

export type IssueAction = 'opened' | 'reopened' | 'updated' | 'unchanged' | 'closed' | 'none' | 'skipped';

export interface DriftRun {
  /** Repository root (holding workshops/). */
  readonly root: string;
  /** Folder of `<cohort-id>.json` plans (`terraform show -json`, redacted). */
  readonly planDir: string;
  readonly cohortId?: string;
  readonly ctx: JobContext;
  /** The drift issues of a repository (OWNER/REPO, from the settings); absent without GitHub access. */
  readonly issues?: (repository: string) => TitledIssuesApi;
}

interface CohortRun {
  readonly planDir: string;
  readonly ctx: JobContext;
  readonly api: TitledIssuesApi | undefined;
  readonly issues: () => Promise<TitledIssue[]>;
}

interface IssueSync {
  readonly action: IssueAction;
  readonly issue?: TitledIssue;
}

/** Opens, reopens or updates the cohort's issue so it shows `body`. */
async function showDrift(api: TitledIssuesApi, existing: TitledIssue | undefined, title: string, body: string) {
  if (existing === undefined) return { action: 'opened', issue: await api.create(title, body) } as const;
  if (existing.state === 'closed') {
    const issue = await api.update(existing.number, { body, state: 'open', stateReason: 'reopened' });
    await api.comment(existing.number, 'The cohort drifted again: reopened with what the latest plan found.');
    return { action: 'reopened', issue } as const;
  }
  if (existing.body === body) return { action: 'unchanged', issue: existing } as const;
  return { action: 'updated', issue: await api.update(existing.number, { body }) } as const;
}

async function closeClean(api: TitledIssuesApi, existing: TitledIssue | undefined, when: Date): Promise<IssueSync> {
  if (existing === undefined || existing.state === 'closed')
    return { action: 'none', ...(existing ? { issue: existing } : {}) };
  await api.comment(
    existing.number,
    `✅ The read-only plan of ${when.toISOString().slice(0, 10)} found no changes made outside Terraform: closing. ` +
      'This issue is reopened if the cohort drifts again.',
  );
  return { action: 'closed', issue: await api.update(existing.number, { state: 'closed', stateReason: 'completed' }) };
}

function report(
  cohortId: string,
  status: CohortReport['status'],
  summary: string,
  extra: Partial<CohortReport> = {},
): CohortReport {
  return { cohortId, status, summary, problems: [], alerts: [], blocks: [], ...extra };
}

function planProblem(plan: Exclude<CohortPlan, { kind: 'plan' }>): string {
  switch (plan.kind) {
    case 'missing':
      return `no plan at ${plan.file}: the plan job failed or did not run for this cohort (see the workflow run); its drift issue is left as it is`;
    case 'invalid':
      return `${plan.file} is not a readable plan (${plan.message}); its drift issue is left as it is`;
    case 'failed':
      return `the plan failed, so drift could not be checked; its drift issue is left as it is`;
  }
}

async function driftCohort(cohort: ResolvedCohort, run: CohortRun): Promise<CohortReport> {
  const read = await readCohortPlan(run.planDir, cohort.id);
  if (read.kind !== 'plan') {
    const problem = planProblem(read);
    return report(cohort.id, 'failed', problem, { problems: [problem] });
  }
  const drifted = driftedResources(read.plan);
  const title = driftIssueTitle(cohort.id);
  const marker = issueMarker(DRIFT_ISSUE_KIND, cohort.id);
  const body =
    drifted.length === 0 ? undefined : markedBody(marker, driftIssueBody(cohort.id, read.plan, roomFor(marker)));

  let sync: IssueSync = { action: 'skipped' };
  if (run.api !== undefined) {
    const existing = pickIssue(await run.issues(), title, marker);
    if (run.ctx.dryRun) sync = { action: wouldDo(existing, body), ...(existing ? { issue: existing } : {}) };
    else if (body !== undefined) sync = await showDrift(run.api, existing, title, body);
    else sync = await closeClean(run.api, existing, run.ctx.now());
  }

  const where = sync.issue === undefined ? '' : ` (#${sync.issue.number})`;
  const issueLine =
    sync.action === 'skipped'
      ? 'no GitHub access: issue not checked'
      : run.ctx.dryRun && sync.action !== 'none' && sync.action !== 'unchanged'
        ? `issue would be ${sync.action}${where} (dry run)`
        : `issue ${sync.action}${where}`;
  const summary =
    drifted.length === 0
      ? `no drift; ${issueLine}`
      : `${drifted.length} resource(s) changed outside Terraform; ${issueLine}`;
  return report(cohort.id, drifted.length === 0 ? 'ok' : 'warning', summary, {
    blocks:
      drifted.length === 0
        ? []
        : [
            {
              kind: 'list',
              title: 'Changed outside Terraform',
              items: drifted.map((d) => `${d.address} (${d.action})`),
            },
          ],
    data: {
      drifted: drifted.map((d) => ({ address: d.address, action: d.action })),
      issue: { action: sync.action, ...(sync.issue === undefined ? {} : { number: sync.issue.number }) },
    },
  });
}

/** What a real run would do to the issue (dry runs report it). */
function wouldDo(existing: TitledIssue | undefined, body: string | undefined): IssueAction {
  if (body === undefined) return existing?.state === 'open' ? 'closed' : 'none';
  if (existing === undefined) return 'opened';
  if (existing.state === 'closed') return 'reopened';
  return existing.body === body ? 'unchanged' : 'updated';
}

function roomFor(marker: string): number {
  return ISSUE_BODY_LIMIT - marker.length - 1;
}

/** Loads the repository, picks the cohorts and runs the drift check for each; one cohort's failure spares the rest. */
export async function runDrift(run: DriftRun): Promise<JobReport> {
  const repository = await loadRepository(run.root, { now: run.ctx.now() });
  if (repository.settings === undefined) {
    throw new ConfigError('workshops/_settings.yaml is missing or invalid: run `npx workshop validate` and fix it.');
  }
  const isDirectory = await stat(run.planDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    throw new ConfigError(
      `${run.planDir} is not a folder: pass the folder holding <cohort-id>.json plans (--plan-json DIR).`,
    );
  }
  const cohorts = selectCohorts(repository, run.cohortId);
  const api = run.issues?.(repository.settings.github.repository);
  // One listing of the issues for every cohort; a failure fails each cohort with the reason.
  let listing: Promise<TitledIssue[]> | undefined;
  const issues = () => {
    listing ??= api === undefined ? Promise.resolve([]) : listIssues(api);
    return listing;
  };
  const cohortRun: CohortRun = { planDir: run.planDir, ctx: run.ctx, api, issues };
  const notes =
    api === undefined ? ['No GitHub token: drift was checked; no issue was opened, updated or closed.'] : [];
  // One cohort at a time: issue writes in bursts trip GitHub's secondary rate limits.
  return runCohortJob(DRIFT_JOB, run.ctx, cohorts, (cohort) => driftCohort(cohort, cohortRun), {
    concurrency: 1,
    notes: () => notes,
  });
}
