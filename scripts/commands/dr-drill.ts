/** `workshop dr-drill`: measure replication with a canary object, then remove it from both sides. */
import { type DrDrillOptions, drDrillJob, MAX_TIMEOUT_MINUTES } from '../../src/jobs/dr-drill/job.ts';
import { timeoutOption } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';

export const drDrillSpec: JobCommandSpec<DrDrillOptions> = {
  job: drDrillJob,
  description: `For each cohort with a backup region: write a canary object under _dr-drill/ in the raw bucket, wait
(bounded) until the same version is in the replica with the same SHA-256 and reads back intact, report the time
against the 15-minute Replication Time Control target, then delete every version of that one key on both sides,
whatever happened. A canary that did not arrive in time fails the cohort and alerts; if its copy may still land in
the replica, the next drill removes it. --dry-run writes nothing and says what it would do.`,
  options: { timeout: { type: 'string' } },
  optionHelp: [
    `  --timeout MINUTES         how long to wait for the canary in the replica (default 30, at most ${MAX_TIMEOUT_MINUTES})`,
  ],
  parse: (args) => timeoutOption(args, MAX_TIMEOUT_MINUTES),
};

export const drDrillCommand = jobCommand(drDrillSpec);
