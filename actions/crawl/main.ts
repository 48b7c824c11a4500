/** Thin wrapper over src/jobs/crawl: inputs → the job → job summary and outputs. */
import * as core from '@actions/core';
import type { ClientOptions, CredentialProbe } from '../../src/aws/clients.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { booleanInput, runJobForAction } from '../../src/jobs/common/action-job.ts';
import type { Sleep } from '../../src/jobs/common/job-context.ts';
import { timeoutMinutesMs } from '../../src/jobs/common/minutes.ts';
import { crawlJob, MAX_TIMEOUT_MINUTES } from '../../src/jobs/crawl/job.ts';

/** Only for tests: the clock and pause, the AWS endpoint and credentials, the credential probe. */
export interface Deps {
  readonly now?: () => Date;
  readonly sleep?: Sleep;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const { sleep, ...rest } = deps;
    const result = await runJobForAction(
      crawlJob,
      {
        root,
        cohortId: core.getInput('cohort').trim(),
        dryRun: booleanInput('dry-run', core.getInput('dry-run')),
        options: {
          timeoutMs: timeoutMinutesMs(core.getInput('timeout-minutes') || '30', 'timeout-minutes', MAX_TIMEOUT_MINUTES),
          ...(sleep === undefined ? {} : { sleep }),
        },
      },
      { log: core, env: process.env, ...rest },
    );
    await core.summary.addRaw(result.markdown).write();
    core.setOutput('failed-cohorts', result.failedCohorts.join(' '));
    if (result.failedCohorts.length > 0) {
      throw new Error(`the crawl failed for ${result.failedCohorts.join(', ')}: see the job summary`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
