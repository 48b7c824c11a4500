/** `workshop onboard`: console passwords and sign-in emails for the people of each cohort. */
import { STUDENT_ID_PATTERN } from '../../src/cohort/schema.ts';
import { type OnboardOptions, onboardJob, SENDER_ENV } from '../../src/jobs/onboard/job.ts';
import { stringOption, UsageError } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';

export const onboardSpec: JobCommandSpec<OnboardOptions> = {
  job: onboardJob,
  description: `For each student without a console password: create a random one that meets the account's password
policy (to be changed at first sign-in) and send it with the sign-in URL, user name and schedule through the
cohort's SES onboarding template. Instructors, who sign in with their own identity, are emailed the link that
switches to the cohort's instructor role, once. People already onboarded are skipped. Passwords are never
printed, stored or reported. The sender is ${SENDER_ENV} (the address the bootstrap stack verified) or --from.`,
  options: { resend: { type: 'string' }, from: { type: 'string' } },
  optionHelp: [
    '  --resend STUDENT_ID       issue a new password to this student and resend it (with --cohort when the id',
    '                            is in several cohorts)',
    `  --from ADDRESS            sender address (default: $${SENDER_ENV})`,
  ],
  parse(args) {
    const resend = stringOption(args, 'resend');
    const from = stringOption(args, 'from');
    if (resend !== undefined && !STUDENT_ID_PATTERN.test(resend)) {
      throw new UsageError(`--resend needs a student id (a-z, 0-9 and -), got "${resend}"`);
    }
    return { ...(resend === undefined ? {} : { resend }), ...(from === undefined ? {} : { from }) };
  },
};

export const onboardCommand = jobCommand(onboardSpec);
