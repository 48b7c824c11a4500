/**
 * The roles and the state region from the settings file alone, no AWS: the step a workflow runs before it has
 * credentials, to learn which role to assume and where.
 */
import * as core from '@actions/core';
import { errorMessage } from '../../src/github/event-payload.ts';
import { opsRoleSettings } from '../../src/jobs/common/action-job.ts';
import { opsRoleArn } from '../../terraform-cdk/bootstrap-names.ts';

export async function run(): Promise<void> {
  try {
    // opsRoleSettings hands the parsed settings to the role callback only, so the other two roles are taken there.
    let github = { planRoleArn: '', applyRoleArn: '' };
    const ops = await opsRoleSettings(process.cwd(), (settings) => {
      github = settings.github;
      return opsRoleArn(settings);
    });
    core.setOutput('ops-role-arn', ops.opsRoleArn);
    core.setOutput('plan-role-arn', github.planRoleArn);
    core.setOutput('apply-role-arn', github.applyRoleArn);
    core.setOutput('state-region', ops.stateRegion);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
