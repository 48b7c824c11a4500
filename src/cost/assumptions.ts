/**
 * The usage assumptions behind a cost estimate. Prices are facts; usage is a guess, so every guess is named, has a
 * default, says what it means, and can be overridden from `_settings.yaml` (`CostAssumptionsOverride`).
 */
import { z } from 'zod';

const count = (description: string) => z.number().finite().nonnegative().describe(description);
const share = (description: string) => z.number().finite().min(0).max(1).describe(description);

const shape = {
  provisionedDaysBeforeStart: z
    .int()
    .min(0)
    .max(60)
    .describe(
      'Days the stack exists before the first session day (applied after the PR merges); fixed monthly items and scheduled runs are paid for them',
    )
    .default(1),
  queriesPerStudentPerDay: count('Athena queries each student runs per session day').default(40),
  queriesPerInstructorPerDay: count('Athena queries each instructor runs per session day').default(20),
  gbScannedPerQuery: z
    .number()
    .finite()
    .positive()
    .describe(
      'GB an average query scans; unset = the largest dataset (a query over CSV/JSON scans its whole table). Capped at the workgroup scan limit; Athena bills at least 10 MB per query',
    )
    .optional(),
  resultMbPerQuery: count('MB of results each query writes to the results bucket').default(1),
  etlRunsPerStudentPerDay: count(
    'Runs of each ETL job per student per session day (each student has their own copy of every job)',
  ).default(2),
  etlMinutesPerRun: count(
    'Minutes one ETL run takes at maxWorkers workers; DPU-hours per run = maxWorkers × DPU per worker × minutes / 60 (1-minute minimum)',
  ).default(5),
  processedToRawRatio: count(
    'Size of one ETL output relative to the raw data it reads (Snappy Parquet vs CSV/JSON)',
  ).default(0.5),
  crawlerManualRunsPerDay: count(
    'Crawler runs started by hand per crawler per session day, on top of its schedule (which runs every day the stack exists)',
  ).default(2),
  crawlerMinutesPerRun: count('Minutes one crawler run takes (Glue bills at least 10 minutes per run)').default(3),
  crawlerDpus: count('DPUs a crawler run uses').default(2),
  putRequestsPerStudentPerDay: count('S3 PUT/COPY/POST/LIST requests per student per session day').default(500),
  getRequestsPerStudentPerDay: count(
    'S3 GET requests per student per session day (Athena reads every object of a table it scans)',
  ).default(5000),
  replicatedDataShare: share(
    'Share of the raw and processed data the replication rules copy to the backup region (1 = whole buckets)',
  ).default(1),
  replicatedWriteShare: share(
    "Share of students' PUT requests that land in the replicated raw/processed buckets (the rest are query results)",
  ).default(0.25),
  kmsRequestsPerStudentPerDay: count('KMS requests per student per session day (S3 Bucket Keys keep this low)').default(
    200,
  ),
  cloudTrailDataEventsPerStudentPerDay: count(
    "CloudTrail S3 data events per student per session day; unset = the student's S3 GET + PUT requests (the trail records every object request on the cohort's buckets)",
  ).optional(),
  catalogObjectsPerStudent: count('Glue Data Catalog tables and partitions each student creates').default(5),
  catalogRequestsPerQuery: count('Glue Data Catalog requests per Athena query (GetTable, GetPartitions…)').default(10),
  logMbPerStudentPerDay: count(
    'MB of CloudWatch Logs ingested per student per session day (CloudTrail delivery, Glue continuous logs); kept until teardown',
  ).default(30),
  notificationsPerRecipientPerDay: count(
    'SNS email notifications (failures, budget alerts) per recipient per session day',
  ).default(3),
  sesEmailsPerPerson: count(
    'SES emails per student and instructor for the whole cohort (onboarding, teardown notice), counted in the month of the first session day',
  ).default(2),
  applyFreeTiers: z
    .boolean()
    .describe(
      'Subtract the account-wide monthly free tiers (3 dashboards, 10 alarms, 1,000 SNS emails, 2 action-enabled budgets…). Off by default: every cohort in the account shares them',
    )
    .default(false),
};

/** The assumptions with every default filled in. `.partial()`-able: the shape is a plain strict object. */
export const CostAssumptions = z.strictObject(shape);
export type CostAssumptions = z.infer<typeof CostAssumptions>;
export type CostAssumptionsInput = z.input<typeof CostAssumptions>;

type OverrideShape = {
  [K in keyof typeof shape]: (typeof shape)[K] extends z.ZodDefault<infer Inner>
    ? z.ZodOptional<Inner>
    : (typeof shape)[K];
};

function withoutDefaults(): OverrideShape {
  const entries = Object.entries(shape).map(([key, schema]) => [
    key,
    schema instanceof z.ZodDefault ? schema.unwrap().optional() : schema,
  ]);
  return Object.fromEntries(entries) as OverrideShape;
}

/**
 * What `_settings.yaml` may set: any subset of the assumptions, no defaults filled in (so the settings keep only
 * what was written), unknown keys rejected. Wire it as `costAssumptions: CostAssumptionsOverride.optional()`.
 */
export const CostAssumptionsOverride = z.strictObject(withoutDefaults());
export type CostAssumptionsOverride = z.infer<typeof CostAssumptionsOverride>;

/** Bad assumptions: the message names each field. */
export class CostAssumptionsError extends Error {
  override readonly name = 'CostAssumptionsError';
}

/** The assumptions in force: defaults, then each override on top. */
export function resolveAssumptions(...overrides: (CostAssumptionsInput | undefined)[]): CostAssumptions {
  const merged: Record<string, unknown> = {};
  for (const override of overrides) Object.assign(merged, override ?? {});
  const parsed = CostAssumptions.safeParse(merged);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  throw new CostAssumptionsError(`cost assumptions: ${problems.join('; ')}`);
}

export interface AssumptionDoc {
  readonly name: keyof CostAssumptions;
  readonly default: unknown;
  readonly description: string;
}

/** Every assumption with its default and meaning, for documentation and the CLI. */
export function describeAssumptions(): AssumptionDoc[] {
  const defaults = CostAssumptions.parse({});
  return (Object.keys(shape) as (keyof CostAssumptions)[]).map((name) => {
    const schema = shape[name];
    const inner = schema instanceof z.ZodDefault || schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    return { name, default: defaults[name], description: inner.description ?? '' };
  });
}
