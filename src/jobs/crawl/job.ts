/** The `crawl` job over the selected cohorts. */
import { glueApi } from '../../aws/glue.ts';
import type { WebhookPost } from '../common/alerts.ts';
import { type JobDefinition, runCohortJob } from '../common/job.ts';
import { realSleep, type Sleep } from '../common/job-context.ts';
import { opsServices } from '../common/ops-services.ts';
import { CRAWL_JOB, crawlCohort } from './crawl.ts';
import { DEFAULT_WAIT, type WaitOptions } from './run-crawlers.ts';

export interface CrawlOptions {
  /** How long to wait for the crawls, in milliseconds (default 30 minutes). */
  readonly timeoutMs?: number;
  readonly wait?: Partial<WaitOptions>;
  readonly sleep?: Sleep;
  readonly post?: WebhookPost;
}

/** The longest a crawl run waits for its crawlers. */
export const MAX_TIMEOUT_MINUTES = 300;

export const crawlJob: JobDefinition<CrawlOptions> = {
  name: CRAWL_JOB,
  async run(environment, options) {
    const { settings, ctx, aws, env } = environment;
    const ops = opsServices(settings, aws, env, ctx.logger, options.post);
    const wait: WaitOptions = {
      ...DEFAULT_WAIT,
      ...options.wait,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    };
    const deps = {
      glue: (region: string) => glueApi(aws.client('glue', region)),
      state: ops.state,
      alerts: ops.alerts,
      accountId: ops.accountId,
      namePrefix: settings.namePrefix,
      sleep: options.sleep ?? realSleep,
      wait,
    };
    return runCohortJob(CRAWL_JOB, ctx, environment.cohorts, (cohort) => crawlCohort(cohort, deps, ctx));
  },
};
