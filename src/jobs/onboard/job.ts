/** The `onboard` job over the selected cohorts: options checked first, then every cohort on its own. */
import type { Env } from '../../aws/clients.ts';
import { iamApi, type PasswordPolicy } from '../../aws/iam.ts';
import { sesApi } from '../../aws/sesv2.ts';
import type { WebhookPost } from '../common/alerts.ts';
import { ConfigError } from '../common/config-error.ts';
import { type JobDefinition, runCohortJob } from '../common/job.ts';
import { opsServices } from '../common/ops-services.ts';
import { ONBOARD_JOB, type OnboardDeps, onboardCohort } from './onboard.ts';
import type { RandomInt } from './password.ts';

/** The environment variable naming the SES sender (the bootstrap stack's `ses_sender_email`). */
export const SENDER_ENV = 'WORKSHOP_SES_SENDER';

export interface OnboardOptions {
  /** Issue a new password to this student and resend it. */
  readonly resend?: string;
  /** Sender address; default: the WORKSHOP_SES_SENDER environment variable. */
  readonly from?: string;
  readonly random?: RandomInt;
  readonly post?: WebhookPost;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The sender address; a ConfigError when it is missing (a dry run sends nothing and needs none). */
function senderOf(options: OnboardOptions, env: Env, dryRun: boolean): string {
  const from = (options.from ?? env[SENDER_ENV] ?? '').trim();
  if (!dryRun && !EMAIL.test(from)) {
    throw new ConfigError(
      `No sender address: set ${SENDER_ENV} to the address the bootstrap stack verified in SES (its ses_sender_email).`,
    );
  }
  return from;
}

export const onboardJob: JobDefinition<OnboardOptions> = {
  name: ONBOARD_JOB,
  check(options, { env, dryRun }) {
    senderOf(options, env, dryRun);
  },
  async run(environment, options) {
    const { settings, ctx, aws, env } = environment;
    const from = senderOf(options, env, ctx.dryRun);
    let cohorts = environment.cohorts;
    if (options.resend !== undefined) {
      const id = options.resend;
      cohorts = cohorts.filter((c) => c.students.some((s) => s.id === id));
      if (cohorts.length !== 1) {
        throw new ConfigError(
          cohorts.length === 0
            ? `No student "${id}" in the selected cohorts: check the id, or pass --cohort.`
            : `Student "${id}" is in ${cohorts.map((c) => c.id).join(' and ')}: pass --cohort to choose one.`,
        );
      }
    }
    const ops = opsServices(settings, aws, env, ctx.logger, options.post);
    const iam = iamApi(aws.client('iam', settings.state.region));
    let policy: Promise<PasswordPolicy> | undefined;
    const deps: OnboardDeps = {
      iam,
      ses: (region) => sesApi(aws.client('sesv2', region)),
      state: ops.state,
      alerts: ops.alerts,
      accountId: ops.accountId,
      namePrefix: settings.namePrefix,
      passwordPolicy: () => {
        policy ??= iam.passwordPolicy();
        return policy;
      },
      ...(options.random === undefined ? {} : { random: options.random }),
    };
    const cohortOptions = { from, ...(options.resend === undefined ? {} : { resend: options.resend }) };
    return runCohortJob(ONBOARD_JOB, ctx, cohorts, (cohort) => onboardCohort(cohort, deps, ctx, cohortOptions));
  },
};
