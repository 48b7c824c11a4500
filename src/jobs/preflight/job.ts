/** The `preflight` job: every selected cohort's needs against the account, read-only, one report. */
import type { AwsClientFactory } from '../../aws/clients.ts';
import type { Settings } from '../../cohort/settings-schema.ts';
import type { JobDefinition } from '../common/job.ts';
import { SENDER_ENV } from '../onboard/job.ts';
import { awsPreflightApis, type PreflightApis } from './apis.ts';
import { runPreflight } from './preflight.ts';
import { preflightReport } from './report.ts';

export const PREFLIGHT_JOB = 'preflight';

export interface PreflightOptions {
  /** The SES sender to check; default: the WORKSHOP_SES_SENDER environment variable. */
  readonly from?: string;
  /** The ops role's ARN, derived from the settings as the bootstrap stack derives it. */
  readonly opsRoleArn: (settings: Settings) => string;
  /** The AWS reads; default: adapters over the job's clients (tests pass fakes). */
  readonly apis?: (aws: AwsClientFactory) => PreflightApis;
}

export const preflightJob: JobDefinition<PreflightOptions> = {
  name: PREFLIGHT_JOB,
  async run(environment, options) {
    const { settings, cohorts, ctx, aws, env } = environment;
    const startedAt = ctx.now().toISOString();
    const sender = (options.from ?? env[SENDER_ENV] ?? '').trim();
    const results = await runPreflight(
      {
        settings,
        cohorts,
        roles: {
          plan: settings.github.planRoleArn,
          apply: settings.github.applyRoleArn,
          ops: options.opsRoleArn(settings),
        },
        senderHint: `--from or ${SENDER_ENV}`,
        ...(sender === '' ? {} : { sender }),
      },
      (options.apis ?? awsPreflightApis)(aws),
    );
    return preflightReport(PREFLIGHT_JOB, results, {
      startedAt,
      finishedAt: ctx.now().toISOString(),
      dryRun: ctx.dryRun,
    });
  },
};
