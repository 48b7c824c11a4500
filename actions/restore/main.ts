/** Thin wrapper over src/jobs/restore: inputs → the restore (dry run unless apply) → job summary and outputs. */
import * as core from '@actions/core';
import type { ClientOptions, CredentialProbe } from '../../src/aws/clients.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { booleanInput, runJobForAction } from '../../src/jobs/common/action-job.ts';
import { restoreJob } from '../../src/jobs/restore/job.ts';
import { restoreRequest } from '../../src/jobs/restore/restore-options.ts';

/** Only for tests: the clock, the AWS endpoint and credentials, the credential probe. */
export interface Deps {
  readonly now?: () => Date;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const cohortId = core.getInput('cohort').trim();
    if (cohortId === '') throw new Error('cohort is required: a restore works on one cohort');
    const options = restoreRequest({
      bucket: core.getInput('bucket').trim(),
      prefix: core.getInput('prefix'),
      all: booleanInput('all', core.getInput('all')),
      at: core.getInput('at'),
      apply: booleanInput('apply', core.getInput('apply')),
    });
    const result = await runJobForAction(
      restoreJob,
      { root, cohortId, dryRun: false, options },
      { log: core, env: process.env, ...deps },
    );
    await core.summary.addRaw(result.markdown).write();
    core.setOutput('failed-cohorts', result.failedCohorts.join(' '));
    if (result.failedCohorts.length > 0) throw new Error(`the restore of ${cohortId} failed: see the job summary`);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
