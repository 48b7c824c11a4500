/**
 * `onboard`: gives every student of a cohort without a console password a temporary one (random, meeting the
 * account's policy, to be changed at first sign-in) and emails it with the sign-in URL, user name and schedule
 * through the cohort's SES template; tells each instructor, once, how to reach the cohort's instructor role.
 *
 * The password exists only in memory: it is registered with the logger's mask before anything else, goes to IAM
 * and SES, and never into logs, reports, state or files. If the email fails after the password was set, the
 * password is removed again, so the next run onboards that student afresh instead of skipping them.
 */

import { describeError, isErrorNamed } from '../../aws/errors.ts';
import type { IamApi, PasswordPolicy } from '../../aws/iam.ts';
import type { SesApi, Suppression } from '../../aws/sesv2.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort, Student } from '../../cohort/schema.ts';
import { type Alert, type AlertSink, cohortAlertTarget, deliverNewAlerts } from '../common/alerts.ts';
import type { JobContext } from '../common/job-context.ts';
import { mapLimit } from '../common/limit.ts';
import { type OpsStateStore, updateOpsState } from '../common/ops-state.ts';
import type { CohortReport, CohortStatus, ReportedAlert } from '../common/report.ts';
import { instructorEmail, studentTemplateData } from './messages.ts';
import { generatePassword, meetsPolicy, type RandomInt } from './password.ts';
import { OnboardState } from './state.ts';

export const ONBOARD_JOB = 'onboard';
/** People handled at once within a cohort: SES in its sandbox sends one email a second. */
export const PEOPLE_CONCURRENCY = 2;
/** The instructor role's longest session (INSTRUCTOR_SESSION_SECONDS in terraform-cdk/constructs/access.ts). */
export const INSTRUCTOR_SESSION_HOURS = 4;

export type PersonResult =
  | 'onboarded'
  | 'resent'
  | 'already-onboarded'
  | 'would-onboard'
  | 'bounced'
  | 'send-failed'
  | 'failed';

export interface PersonOutcome {
  readonly role: 'student' | 'instructor';
  /** Student id, or the instructor's name. */
  readonly who: string;
  /** IAM user name for students; empty for instructors. */
  readonly userName: string;
  readonly result: PersonResult;
  readonly detail?: string;
}

export interface OnboardDeps {
  readonly iam: IamApi;
  /** SES in the cohort's primary region, where its templates are. */
  readonly ses: (region: string) => SesApi;
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
  readonly accountId: string;
  readonly namePrefix: string;
  /** The account's password policy, fetched once per run. */
  readonly passwordPolicy: () => Promise<PasswordPolicy>;
  readonly random?: RandomInt;
}

export interface OnboardCohortOptions {
  /** The verified SES sender; required unless dry run. */
  readonly from: string;
  /** Issue a new password to this student only and resend it. */
  readonly resend?: string;
}

interface PersonContext {
  readonly cohort: ResolvedCohort;
  readonly names: CohortNames;
  readonly ses: SesApi;
  readonly deps: OnboardDeps;
  readonly ctx: JobContext;
  readonly from: string;
}

function suppressionText(email: string, s: Suppression): string {
  const since = s.since === undefined ? '' : ` since ${s.since.toISOString().slice(0, 10)}`;
  return `SES suppresses ${email} (${s.reason}${since}): correct the address in the cohort file, or remove it from the account's suppression list`;
}

/** A new password for `userName`, masked before it exists anywhere else, checked against the policy. */
async function newPassword(p: PersonContext): Promise<string> {
  const policy = await p.deps.passwordPolicy();
  const password = generatePassword(policy, p.deps.random);
  p.ctx.logger.mask(password);
  if (!meetsPolicy(password, policy)) throw new Error('the generated password does not meet the account policy');
  return password;
}

async function sendStudentEmail(p: PersonContext, student: Student, userName: string, password: string): Promise<void> {
  await p.ses.sendTemplated({
    from: p.from,
    to: student.email,
    templateName: p.names.sesTemplate('onboarding'),
    templateData: studentTemplateData(p.cohort, student, userName, password, p.deps.accountId),
  });
}

/** Removes a password whose email never left, so the next run onboards the student again. */
async function rollback(p: PersonContext, userName: string): Promise<string> {
  try {
    await p.deps.iam.deleteLoginProfile(userName);
    return 'the password was removed again; the next run retries';
  } catch (error) {
    return `removing the unsent password failed too (${describeError(error)}): run onboard with --resend`;
  }
}

/** A console password set by a run that stopped before SES accepted the email (a cancelled job, a crash). */
const UNCONFIRMED =
  'has a console password, but no run recorded its email as sent: if the student did not receive it, run onboard with --resend';

async function onboardStudent(
  p: PersonContext,
  student: Student,
  emailed: ReadonlySet<string>,
): Promise<PersonOutcome> {
  const userName = p.names.studentUser(student.id);
  const base = { role: 'student' as const, who: student.id, userName };
  try {
    const [hasPassword, suppressed] = await Promise.all([
      p.deps.iam.hasLoginProfile(userName),
      p.ses.suppression(student.email),
    ]);
    if (suppressed !== undefined) {
      return { ...base, result: 'bounced', detail: suppressionText(student.email, suppressed) };
    }
    if (hasPassword) {
      return emailed.has(student.id)
        ? { ...base, result: 'already-onboarded' }
        : { ...base, result: 'already-onboarded', detail: UNCONFIRMED };
    }
    if (p.ctx.dryRun) return { ...base, result: 'would-onboard' };
    const password = await newPassword(p);
    try {
      await p.deps.iam.createLoginProfile(userName, password);
    } catch (error) {
      // Another run created it in between: that run sends the email.
      if (isErrorNamed(error, 'EntityAlreadyExists', 'EntityAlreadyExistsException')) {
        return { ...base, result: 'already-onboarded' };
      }
      throw error;
    }
    try {
      await sendStudentEmail(p, student, userName, password);
    } catch (error) {
      return { ...base, result: 'send-failed', detail: `${describeError(error)}; ${await rollback(p, userName)}` };
    }
    p.ctx.logger.info(`${p.cohort.id}: onboarded ${userName}`);
    return { ...base, result: 'onboarded' };
  } catch (error) {
    return { ...base, result: 'failed', detail: describeError(error) };
  }
}

/** `--resend`: a new password for one student (replacing theirs, or a first one), emailed again. */
async function resendStudent(p: PersonContext, student: Student): Promise<PersonOutcome> {
  const userName = p.names.studentUser(student.id);
  const base = { role: 'student' as const, who: student.id, userName };
  try {
    const suppressed = await p.ses.suppression(student.email);
    if (suppressed !== undefined) {
      return { ...base, result: 'bounced', detail: suppressionText(student.email, suppressed) };
    }
    if (p.ctx.dryRun) return { ...base, result: 'would-onboard', detail: 'a new password would be issued and sent' };
    const existed = await p.deps.iam.hasLoginProfile(userName);
    const password = await newPassword(p);
    if (existed) await p.deps.iam.updateLoginProfile(userName, password);
    else await p.deps.iam.createLoginProfile(userName, password);
    try {
      await sendStudentEmail(p, student, userName, password);
    } catch (error) {
      const after = existed
        ? 'the old password no longer works: run --resend again once the address is fixed'
        : await rollback(p, userName);
      return { ...base, result: 'send-failed', detail: `${describeError(error)}; ${after}` };
    }
    return { ...base, result: 'resent' };
  } catch (error) {
    return { ...base, result: 'failed', detail: describeError(error) };
  }
}

/** Instructors are told once (remembered in the ops state by address): they have no password to issue. */
async function notifyInstructors(p: PersonContext, notified: ReadonlySet<string>): Promise<PersonOutcome[]> {
  return mapLimit(p.cohort.instructors, PEOPLE_CONCURRENCY, async (instructor): Promise<PersonOutcome> => {
    const base = { role: 'instructor' as const, who: instructor.name, userName: '' };
    if (notified.has(instructor.email.toLowerCase())) return { ...base, result: 'already-onboarded' };
    try {
      const suppressed = await p.ses.suppression(instructor.email);
      if (suppressed !== undefined) {
        return { ...base, result: 'bounced', detail: suppressionText(instructor.email, suppressed) };
      }
      if (p.ctx.dryRun) return { ...base, result: 'would-onboard' };
      const mail = instructorEmail(p.cohort, instructor, p.names, p.deps.accountId, INSTRUCTOR_SESSION_HOURS);
      await p.ses.sendText({ from: p.from, to: instructor.email, ...mail });
      return { ...base, result: 'onboarded' };
    } catch (error) {
      return { ...base, result: 'send-failed', detail: describeError(error) };
    }
  });
}

function bounceAlerts(cohort: ResolvedCohort, outcomes: readonly PersonOutcome[]): Alert[] {
  return outcomes
    .filter((o) => o.result === 'bounced')
    .map((o) => ({
      key: `bounce:${o.role}:${o.who}`,
      title: `Onboarding email to ${o.role} ${o.who} of ${cohort.id} cannot be delivered`,
      ...(o.detail === undefined ? {} : { detail: o.detail }),
    }));
}

const RESULT_TEXT: Readonly<Record<PersonResult, string>> = {
  onboarded: 'onboarded',
  resent: 'new password sent',
  'already-onboarded': 'already onboarded',
  'would-onboard': 'would be onboarded',
  bounced: 'bounced',
  'send-failed': 'email failed',
  failed: 'failed',
};

function statusOf(outcomes: readonly PersonOutcome[], problems: readonly string[]): CohortStatus {
  if (outcomes.some((o) => o.result === 'failed' || o.result === 'send-failed')) return 'failed';
  if (problems.length > 0 || outcomes.some((o) => o.result === 'bounced')) return 'warning';
  return 'ok';
}

function summaryOf(outcomes: readonly PersonOutcome[]): string {
  const counts = new Map<PersonResult, number>();
  for (const o of outcomes) counts.set(o.result, (counts.get(o.result) ?? 0) + 1);
  return (
    [...counts.entries()]
      .sort(([a], [b]) => Object.keys(RESULT_TEXT).indexOf(a) - Object.keys(RESULT_TEXT).indexOf(b))
      .map(([result, n]) => `${n} ${RESULT_TEXT[result]}`)
      .join(', ') || 'nobody to onboard'
  );
}

function cohortReport(
  cohortId: string,
  outcomes: readonly PersonOutcome[],
  problems: readonly string[],
  alerts: readonly ReportedAlert[],
): CohortReport {
  const attention = outcomes.filter((o) => o.detail !== undefined && o.result !== 'would-onboard');
  return {
    cohortId,
    status: statusOf(outcomes, problems),
    summary: summaryOf(outcomes),
    problems: [...problems, ...attention.map((o) => `${o.role} ${o.who}: ${o.detail}`)],
    alerts,
    blocks: [
      {
        kind: 'table',
        columns: ['Role', 'Who', 'IAM user', 'Result'],
        rows: outcomes.map((o) => [
          o.role,
          o.who,
          o.userName || '(own identity, instructor role)',
          RESULT_TEXT[o.result],
        ]),
      },
    ],
    data: { people: outcomes },
  };
}

export async function onboardCohort(
  cohort: ResolvedCohort,
  deps: OnboardDeps,
  ctx: JobContext,
  options: OnboardCohortOptions,
): Promise<CohortReport> {
  const names = new CohortNames(deps.namePrefix, cohort.id);
  const p: PersonContext = { cohort, names, ses: deps.ses(cohort.regions.primary), deps, ctx, from: options.from };

  const where = { cohortId: cohort.id, job: ONBOARD_JOB, now: ctx.now(), dryRun: ctx.dryRun };
  const emailedNow = (outcomes: readonly PersonOutcome[]) =>
    outcomes
      .filter((o) => o.role === 'student' && (o.result === 'onboarded' || o.result === 'resent'))
      .map((o) => o.who);

  if (options.resend !== undefined) {
    const student = cohort.students.find((s) => s.id === options.resend);
    if (student === undefined) throw new Error(`no student "${options.resend}" in cohort ${cohort.id}`);
    const resent = [await resendStudent(p, student)];
    const { problems } = await updateOpsState(deps.state, where, OnboardState, async (previous) => ({
      ...OnboardState.parse(previous ?? {}),
      studentsEmailed: [...new Set([...(previous?.studentsEmailed ?? []), ...emailedNow(resent)])].sort(),
    }));
    return cohortReport(cohort.id, resent, problems, []);
  }

  let students: PersonOutcome[] = [];
  let instructors: PersonOutcome[] = [];
  let reported: ReportedAlert[] = [];
  const target = cohortAlertTarget(cohort, names.topic, deps.accountId, ONBOARD_JOB);
  const { problems } = await updateOpsState(deps.state, where, OnboardState, async (previous) => {
    const emailed = new Set(previous?.studentsEmailed ?? []);
    students = await mapLimit(cohort.students, PEOPLE_CONCURRENCY, (s) => onboardStudent(p, s, emailed));
    for (const id of emailedNow(students)) emailed.add(id);
    const notified = new Set(previous?.instructorsNotified ?? []);
    instructors = await notifyInstructors(p, notified);
    for (const [i, o] of instructors.entries()) {
      const email = cohort.instructors[i]?.email.toLowerCase();
      if (o.result === 'onboarded' && email !== undefined) notified.add(email);
    }
    const current = bounceAlerts(cohort, [...students, ...instructors]);
    const delivery = await deliverNewAlerts(deps.alerts, target, previous?.activeAlerts, current, ctx.dryRun);
    const sent = new Set(delivery.sent.map((a) => a.key));
    reported = current.map((a) => ({ ...a, sent: sent.has(a.key) }));
    return {
      instructorsNotified: [...notified].sort(),
      studentsEmailed: [...emailed].sort(),
      activeAlerts: delivery.activeKeys,
    };
  });
  return cohortReport(cohort.id, [...students, ...instructors], problems, reported);
}
