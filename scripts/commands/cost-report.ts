/** `workshop cost-report`: what each cohort spent this month, where the money goes, and budget alerts. */

import { ConfigError } from '../../src/jobs/common/config-error.ts';
import { type CostReportOptions, costReportJob } from '../../src/jobs/cost-report/cost-report-job.ts';
import { loadPriceTable } from '../../src/jobs/cost-report/price-file.ts';
import { UsageError } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';
import { findRepositoryRoot } from '../cli/repository-root.ts';

export const costReportSpec: JobCommandSpec<CostReportOptions> = {
  job: costReportJob,
  description: `Reads each cohort's AWS budget (actual and forecast against the limit) and ONE Cost Explorer query for
every cohort at once (daily cost by the workshop:cohort tag and service; Cost Explorer bills $0.01 per request,
so the count does not grow with the number of cohorts, and the report states it). Then where the money goes:
Athena bytes scanned and cost per student workgroup with the five most expensive queries and suggestions, Glue
DPU-hours and cost per job, bucket sizes by storage class, and a chart of the month's spend against the budget.
A budget alert percentage newly crossed (on actual spend or the forecast) alerts once, naming what drove it.
Prices come from src/cost/prices.json.`,
  parse: (_args, io) => {
    try {
      return { prices: loadPriceTable(findRepositoryRoot(io.cwd)) };
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
  },
};

export const costReportCommand = jobCommand(costReportSpec);
