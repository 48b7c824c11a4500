/** Thin wrapper over src/jobs/onboard: inputs → the job → job summary and outputs; passwords go to core.setSecret. */
import * as core from '@actions/core';
import type { ClientOptions, CredentialProbe } from '../../src/aws/clients.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { booleanInput, runJobForAction } from '../../src/jobs/common/action-job.ts';
import { onboardJob } from '../../src/jobs/onboard/job.ts';

/** Only for tests: the clock, the AWS endpoint and credentials, the credential probe. */
export interface Deps {
  readonly now?: () => Date;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const resend = core.getInput('resend').trim();
    const sender = core.getInput('sender').trim();
    const result = await runJobForAction(
      onboardJob,
      {
        root,
        cohortId: core.getInput('cohort').trim(),
        dryRun: booleanInput('dry-run', core.getInput('dry-run')),
        options: { ...(resend === '' ? {} : { resend }), ...(sender === '' ? {} : { from: sender }) },
      },
      { log: core, env: process.env, ...deps },
    );
    await core.summary.addRaw(result.markdown).write();
    core.setOutput('failed-cohorts', result.failedCohorts.join(' '));
    if (result.failedCohorts.length > 0) {
      throw new Error(`onboarding failed for ${result.failedCohorts.join(', ')}: see the job summary`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
