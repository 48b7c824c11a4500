/** Thin wrapper over src/jobs/teardown: inputs → the job → job summary and outputs. */
import * as core from '@actions/core';
import type { ClientOptions, CredentialProbe } from '../../src/aws/clients.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { gitIn } from '../../src/github/git.ts';
import { githubRest } from '../../src/github/github-rest.ts';
import { booleanInput, runJobForAction } from '../../src/jobs/common/action-job.ts';
import type { Sleep } from '../../src/jobs/common/job-context.ts';
import type { TeardownApis } from '../../src/jobs/teardown/apis.ts';
import { TEARDOWN_MODES, type TeardownMode, teardownJob } from '../../src/jobs/teardown/job.ts';
import { restoreRemovedCohort } from '../../src/jobs/teardown/restore-removed.ts';

/** Only for tests: the clock and pause, the AWS endpoint, the credential probe, fetch for GitHub, fake interfaces. */
export interface Deps {
  readonly now?: () => Date;
  readonly sleep?: Sleep;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
  readonly fetch?: typeof globalThis.fetch;
  readonly apis?: (production: () => TeardownApis) => TeardownApis;
}

function modeInput(value: string): TeardownMode {
  const mode = value.trim() || 'lifecycle';
  if (!(TEARDOWN_MODES as readonly string[]).includes(mode)) {
    throw new Error(`mode must be one of ${TEARDOWN_MODES.join(', ')}; got "${value}"`);
  }
  return mode as TeardownMode;
}

function pullNumbers(data: unknown): string[] {
  const pull = (data as { pullRequest?: { number?: unknown; action?: unknown } } | undefined)?.pullRequest;
  return typeof pull?.number === 'number' && pull.action !== 'unchanged' ? [String(pull.number)] : [];
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const mode = modeInput(core.getInput('mode'));
    const cohortId = core.getInput('cohort').trim();
    if (booleanInput('restore-from-history', core.getInput('restore-from-history'))) {
      const restored = await restoreRemovedCohort(gitIn(root), root, cohortId);
      if (restored.restored.length > 0) core.info(`restored ${restored.restored.join(', ')} from the git history`);
    }
    const token = core.getInput('github-token');
    if (token !== '') core.setSecret(token);
    const author = core.getInput('issue-author') || 'github-actions[bot]';
    const github =
      token === '' || mode !== 'lifecycle'
        ? undefined
        : {
            rest: githubRest({
              token,
              ...(process.env.GITHUB_API_URL ? { apiUrl: process.env.GITHUB_API_URL } : {}),
              ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
            }),
            author,
          };
    const { sleep, fetch: _fetch, apis, ...rest } = deps;
    const result = await runJobForAction(
      teardownJob,
      {
        root,
        cohortId,
        dryRun: false,
        options: {
          mode,
          apply: booleanInput('apply', core.getInput('apply')),
          sweep: booleanInput('sweep', core.getInput('sweep')),
          root,
          ...(cohortId === '' ? {} : { cohortId }),
          ...(github === undefined ? {} : { github }),
          ...(sleep === undefined ? {} : { sleep }),
          ...(apis === undefined ? {} : { apis }),
        },
      },
      { log: core, env: process.env, ...rest },
    );
    await core.summary.addRaw(result.markdown).write();
    core.setOutput('failed-cohorts', result.failedCohorts.join(' '));
    core.setOutput('pull-requests', result.report.cohorts.flatMap((c) => pullNumbers(c.data)).join(' '));
    if (result.failedCohorts.length > 0) {
      throw new Error(`teardown (${mode}) failed for ${result.failedCohorts.join(', ')}: see the job summary`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
