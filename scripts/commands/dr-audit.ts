/** `workshop dr-audit`: check the cross-region replication of every cohort with a backup region. */
import { type DrAuditOptions, drAuditJob, MAX_LIST_PAGES, MAX_SAMPLE_SIZE } from '../../src/jobs/dr-audit/job.ts';
import { stringOption, UsageError } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';

function boundedInteger(name: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${text}"`);
  }
  return value;
}

export const drAuditSpec: JobCommandSpec<DrAuditOptions> = {
  job: drAuditJob,
  description: `For each cohort with a backup region, check raw and processed: a replication rule to the replica
covering the whole bucket, delete markers, KMS-encrypted objects re-encrypted with the backup key, Replication Time
Control and metrics, versioning on both sides, the replicas blocked from public access and encrypted (MFA delete is
reported only). Then the health: latency, pending and failed operations from CloudWatch (last 24 hours), and a
sample of the newest objects: replication status on the source and the same version and checksum on the replica.
Reports the recovery-point age (oldest sampled object not yet replicated). The number of requests depends on the
sample, never on the number of objects. A misconfiguration or failed replication alerts once and fails the cohort.`,
  options: { sample: { type: 'string' }, 'list-pages': { type: 'string' } },
  optionHelp: [
    `  --sample N                objects checked per bucket (default 50, at most ${MAX_SAMPLE_SIZE})`,
    `  --list-pages N            version-listing pages read per bucket to find them (default 5, at most ${MAX_LIST_PAGES})`,
  ],
  parse(args) {
    const sampleSize = boundedInteger('sample', stringOption(args, 'sample'), MAX_SAMPLE_SIZE);
    const maxListPages = boundedInteger('list-pages', stringOption(args, 'list-pages'), MAX_LIST_PAGES);
    return {
      ...(sampleSize === undefined ? {} : { sampleSize }),
      ...(maxListPages === undefined ? {} : { maxListPages }),
    };
  },
};

export const drAuditCommand = jobCommand(drAuditSpec);
