/** Every Glue job has a timeout and a worker cap: Glue's default timeout is 48 hours (pitfall 5). */
import { asNumber } from '../json-values.ts';
import { problemsPerResource, type Rule } from '../rule.ts';

/** Glue's maximum (and default) job timeout, in minutes. */
const MAX_TIMEOUT_MINUTES = 2880;

export const glueJobTimeout: Rule = {
  id: 'glue-job-timeout',
  severity: 'error',
  appliesTo: 'cohort',
  description: `Every aws_glue_job sets timeout (1-${MAX_TIMEOUT_MINUTES} minutes) and caps its workers with number_of_workers or max_capacity.`,
  check: (config) =>
    problemsPerResource(glueJobTimeout, config, 'aws_glue_job', 'job is not bounded', (job) => {
      const problems: string[] = [];
      const timeout = asNumber(job.body.timeout);
      if (timeout === undefined)
        problems.push(`set timeout in minutes (Glue otherwise runs a job for up to ${MAX_TIMEOUT_MINUTES})`);
      else if (timeout < 1 || timeout > MAX_TIMEOUT_MINUTES)
        problems.push(`set timeout between 1 and ${MAX_TIMEOUT_MINUTES} minutes (it is ${timeout})`);
      const workers = asNumber(job.body.number_of_workers) ?? asNumber(job.body.max_capacity);
      if (workers === undefined || workers <= 0)
        problems.push('cap the workers with number_of_workers (with worker_type) or max_capacity');
      return problems;
    }),
};
