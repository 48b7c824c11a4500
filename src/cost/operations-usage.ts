/**
 * Security and operations usage: KMS keys and requests, CloudTrail data events, CloudWatch alarms, dashboard and
 * logs, SNS alert emails, SES emails and the action-enabled budget. Monthly-priced resources are prorated over the
 * days the stack exists in the month.
 */
import { formatNumber, plural } from './format.ts';
import {
  activeShare,
  activeShareText,
  type LineDraft,
  type MonthUsage,
  sessionDaysText,
  studentsText,
} from './usage-context.ts';

/** Replication-failure alarms, one per replicated bucket (raw, processed). */
const REPLICATION_ALARMS = 2;

function kmsDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const regions = [cohort.regions.primary, ...(cohort.regions.backup === undefined ? [] : [cohort.regions.backup])];
  const keys: LineDraft[] = regions.map((region) => ({
    service: 'KMS',
    item: 'customer managed key',
    priceItem: 'kms-key',
    region,
    quantity: activeShare(usage),
    assumption: `1 key × ${activeShareText(usage)}`,
  }));
  const perDay = assumptions.kmsRequestsPerStudentPerDay;
  return [
    ...keys,
    {
      service: 'KMS',
      item: 'requests',
      priceItem: 'kms-requests',
      region: cohort.regions.primary,
      quantity: (cohort.students.length * perDay * usage.sessionDays) / 10_000,
      assumption: `${studentsText(usage)} × ${formatNumber(perDay)}/day × ${sessionDaysText(usage)}`,
    },
  ];
}

/** Data events per student per session day: the assumption, or every S3 request the student makes. */
export function dataEventsPerStudentPerDay(usage: MonthUsage): number {
  const a = usage.assumptions;
  return a.cloudTrailDataEventsPerStudentPerDay ?? a.putRequestsPerStudentPerDay + a.getRequestsPerStudentPerDay;
}

function cloudTrailDrafts(usage: MonthUsage): LineDraft[] {
  const perDay = dataEventsPerStudentPerDay(usage);
  return [
    {
      service: 'CloudTrail',
      item: 'S3 data events',
      priceItem: 'cloudtrail-data-events',
      region: usage.cohort.regions.primary,
      quantity: (usage.cohort.students.length * perDay * usage.sessionDays) / 100_000,
      assumption: `${studentsText(usage)} × ${formatNumber(perDay)} events/day × ${sessionDaysText(usage)}`,
    },
  ];
}

/** GB-months of logs kept: each day's ingestion stays until teardown. */
function logStorageGbMonths(usage: MonthUsage, gbPerSessionDay: number): { gbMonths: number; average: number } {
  let kept = 0;
  let total = 0;
  for (const day of usage.calendar.days) {
    if (day.session) kept += gbPerSessionDay;
    if (day.month === usage.month) total += kept;
  }
  return { gbMonths: total / usage.daysInMonth, average: usage.activeDays > 0 ? total / usage.activeDays : 0 };
}

function cloudWatchDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const region = cohort.regions.primary;
  const replicationAlarms = cohort.regions.backup === undefined ? 0 : REPLICATION_ALARMS;
  const alarms = cohort.students.length + replicationAlarms;
  const gbPerSessionDay = (cohort.students.length * assumptions.logMbPerStudentPerDay) / 1024;
  const stored = logStorageGbMonths(usage, gbPerSessionDay);
  return [
    {
      service: 'CloudWatch',
      item: 'alarms',
      priceItem: 'cloudwatch-alarm',
      region,
      quantity: alarms * activeShare(usage),
      assumption: `(${plural(cohort.students.length, 'student scan alarm')}${replicationAlarms > 0 ? ` + ${replicationAlarms} replication alarms` : ''}) × ${activeShareText(usage)}`,
    },
    {
      service: 'CloudWatch',
      item: 'dashboard',
      priceItem: 'cloudwatch-dashboard',
      region,
      quantity: activeShare(usage),
      assumption: `1 dashboard × ${activeShareText(usage)}`,
    },
    {
      service: 'CloudWatch',
      item: 'logs ingestion',
      priceItem: 'cloudwatch-logs-ingestion',
      region,
      quantity: gbPerSessionDay * usage.sessionDays,
      assumption: `${studentsText(usage)} × ${formatNumber(assumptions.logMbPerStudentPerDay)} MB/day × ${sessionDaysText(usage)}`,
    },
    {
      service: 'CloudWatch',
      item: 'logs storage',
      priceItem: 'cloudwatch-logs-storage',
      region,
      quantity: stored.gbMonths,
      assumption: `avg ${formatNumber(stored.average)} GB kept × ${activeShareText(usage)}`,
    },
  ];
}

/** Who the SNS topic emails: instructors and the extra addresses, each once. */
export function alertRecipients(usage: MonthUsage): number {
  const { cohort } = usage;
  const emails = [...cohort.instructors.map((i) => i.email), ...cohort.notifications.emails];
  return new Set(emails.map((e) => e.toLowerCase())).size;
}

function messagingDrafts(usage: MonthUsage): LineDraft[] {
  const { cohort, assumptions } = usage;
  const recipients = alertRecipients(usage);
  const people = cohort.students.length + cohort.instructors.length;
  const sesEmails = usage.firstSessionThisMonth ? people * assumptions.sesEmailsPerPerson : 0;
  return [
    {
      service: 'SNS',
      item: 'email notifications',
      priceItem: 'sns-email',
      region: cohort.regions.primary,
      quantity: (recipients * assumptions.notificationsPerRecipientPerDay * usage.sessionDays) / 100_000,
      assumption: `${plural(recipients, 'recipient')} × ${formatNumber(assumptions.notificationsPerRecipientPerDay)}/day × ${sessionDaysText(usage)}`,
    },
    {
      service: 'SES',
      item: 'emails',
      priceItem: 'ses-email',
      region: cohort.regions.primary,
      quantity: sesEmails / 1000,
      assumption: `${plural(people, 'person', 'people')} × ${formatNumber(assumptions.sesEmailsPerPerson)} emails`,
    },
  ];
}

function budgetDrafts(usage: MonthUsage): LineDraft[] {
  // Budgets without actions cost nothing; the freeze action makes the cohort's budget action-enabled.
  if (usage.cohort.budget.freezeAtPercent === null) return [];
  return [
    {
      service: 'Budgets',
      item: 'action-enabled budget',
      priceItem: 'budgets-action-enabled',
      region: 'global',
      quantity: usage.activeDays,
      assumption: `1 budget × ${plural(usage.activeDays, 'day')}`,
    },
  ];
}

export function operationsDrafts(usage: MonthUsage): LineDraft[] {
  return [
    ...kmsDrafts(usage),
    ...cloudTrailDrafts(usage),
    ...cloudWatchDrafts(usage),
    ...messagingDrafts(usage),
    ...budgetDrafts(usage),
  ];
}
