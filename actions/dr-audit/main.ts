/** Thin wrapper over src/jobs/dr-audit: inputs → the job → job summary and outputs. */
import * as core from '@actions/core';
import type { ClientOptions, CredentialProbe } from '../../src/aws/clients.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { booleanInput, runJobForAction } from '../../src/jobs/common/action-job.ts';
import { drAuditJob, MAX_SAMPLE_SIZE } from '../../src/jobs/dr-audit/job.ts';

/** Only for tests: the clock, the AWS endpoint and credentials, the credential probe. */
export interface Deps {
  readonly now?: () => Date;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
}

function sampleSizeInput(value: string): number {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_SAMPLE_SIZE) {
    throw new Error(`sample-size must be a whole number from 1 to ${MAX_SAMPLE_SIZE}; got "${value}"`);
  }
  return size;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const result = await runJobForAction(
      drAuditJob,
      {
        root,
        cohortId: core.getInput('cohort').trim(),
        dryRun: booleanInput('dry-run', core.getInput('dry-run')),
        options: { sampleSize: sampleSizeInput(core.getInput('sample-size') || '50') },
      },
      { log: core, env: process.env, ...deps },
    );
    await core.summary.addRaw(result.markdown).write();
    core.setOutput('failed-cohorts', result.failedCohorts.join(' '));
    if (result.failedCohorts.length > 0) {
      throw new Error(`the DR audit failed for ${result.failedCohorts.join(', ')}: see the job summary`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
