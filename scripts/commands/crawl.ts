/** `workshop crawl`: refresh and check the catalog of every cohort in session. */
import { type CrawlOptions, crawlJob, MAX_TIMEOUT_MINUTES } from '../../src/jobs/crawl/job.ts';
import { timeoutOption } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';

export const crawlSpec: JobCommandSpec<CrawlOptions> = {
  job: crawlJob,
  description: `For each cohort in session (from one day before its start to its end): start every dataset's crawler
(one already running is waited for, not restarted), wait for them with growing pauses, and report each crawl's
result, duration and tables created, updated and deleted. Then compare the catalog with each dataset's declared
columns: a missing table, missing or extra columns, type mismatches. A failed or timed-out crawl or a schema
mismatch fails the cohort and alerts its topic (once, until it clears).`,
  options: { timeout: { type: 'string' } },
  optionHelp: [
    `  --timeout MINUTES         how long to wait for the crawls (default 30, at most ${MAX_TIMEOUT_MINUTES})`,
  ],
  parse: (args) => timeoutOption(args, MAX_TIMEOUT_MINUTES),
};

export const crawlCommand = jobCommand(crawlSpec);
