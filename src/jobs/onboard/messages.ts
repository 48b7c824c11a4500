/**
 * What the onboarding emails say. Students get the cohort's SES template (its variables are listed in
 * terraform-cdk/constructs/email-templates.ts); instructors, who sign in with their own identity and switch to the
 * cohort's instructor role, get a plain-text email with the switch-role link and the schedule.
 */
import type { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';

/** `https://<account>.signin.aws.amazon.com/console`: the account's own sign-in page for IAM users. */
export function signInUrl(accountId: string): string {
  return `https://${accountId}.signin.aws.amazon.com/console`;
}

/** The console link that fills in the switch-role form: role name with its IAM path, account and a display name. */
export function switchRoleUrl(accountId: string, names: CohortNames): string {
  const roleName = `${names.iamPath.replace(/^\/|\/$/g, '')}/${names.role('instructor')}`;
  const query = new URLSearchParams({ roleName, account: accountId, displayName: names.cohortId });
  return `https://signin.aws.amazon.com/switchrole?${query.toString()}`;
}

/** Schedule dates as the cohort file gives them; the end names the time zone plain dates are read in. */
export function scheduleText(cohort: ResolvedCohort): { start: string; end: string } {
  return { start: cohort.schedule.start, end: `${cohort.schedule.end} (${cohort.schedule.timezone} time)` };
}

/** The onboarding template's variables (TEMPLATE_VARIABLES.onboarding), the password included. */
export function studentTemplateData(
  cohort: ResolvedCohort,
  student: { readonly name: string },
  userName: string,
  password: string,
  accountId: string,
): Record<string, string> {
  return {
    name: student.name,
    cohortTitle: cohort.title,
    userName,
    password,
    signInUrl: signInUrl(accountId),
    ...scheduleText(cohort),
  };
}

/** One line, no control characters: a subject header cannot be split by text from a cohort file. */
function oneLine(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

export function instructorEmail(
  cohort: ResolvedCohort,
  instructor: { readonly name: string },
  names: CohortNames,
  accountId: string,
  sessionHours: number,
): { subject: string; text: string } {
  const { start, end } = scheduleText(cohort);
  return {
    subject: `Instructor access for ${oneLine(cohort.title)}`,
    text: [
      `Hello ${oneLine(instructor.name)},`,
      '',
      `You are an instructor of ${oneLine(cohort.title)} (cohort ${cohort.id}), from ${start} to ${end}.`,
      '',
      `Sign in to AWS account ${accountId} with your own identity (an IAM user or role tagged`,
      `workshop:instructs:${cohort.id} = true), then switch to the cohort's instructor role:`,
      switchRoleUrl(accountId, names),
      '',
      `A session lasts at most ${sessionHours} hours; switch again when it ends.`,
      'Students receive their own sign-in email with a temporary password.',
    ].join('\n'),
  };
}
