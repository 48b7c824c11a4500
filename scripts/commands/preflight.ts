/** `workshop preflight`: what in the AWS account would break the apply or the workshop, before applying. */

import { SENDER_ENV } from '../../src/jobs/onboard/job.ts';
import { type PreflightOptions, preflightJob } from '../../src/jobs/preflight/job.ts';
import { opsRoleArn } from '../../terraform-cdk/bootstrap-names.ts';
import { stringOption } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';

export const preflightSpec: JobCommandSpec<PreflightOptions> = {
  job: preflightJob,
  description: `Reads the account and reports, for the account and each region the cohorts use: the Lake Formation
mode against lakeFormation in _settings.yaml (and, when managed, whether the apply role is a data-lake admin);
SES sandbox state, the daily sending quota against the people to onboard, and whether the sender is verified;
current use against quota for IAM users and groups, Athena workgroups, Glue jobs and Glue concurrent job runs,
counting what the cohorts would add; whether the bootstrap stack's roles and state bucket exist. It only reads
(--dry-run changes nothing). A blocker (something the apply or the class would fail on) makes the exit status 1.
The apply workflow runs it before terraform apply. The sender is --from or ${SENDER_ENV}.`,
  options: { from: { type: 'string' } },
  optionHelp: [`  --from ADDRESS            SES sender address to check (default: $${SENDER_ENV})`],
  parse(args) {
    const from = stringOption(args, 'from');
    return { opsRoleArn, ...(from === undefined ? {} : { from }) };
  },
};

export const preflightCommand = jobCommand(preflightSpec);
