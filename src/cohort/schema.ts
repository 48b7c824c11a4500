/**
 * The cohort file contract (`workshops/<id>.yaml`). This zod schema is the single source of the types, the defaults,
 * the validation messages and the generated `workshops/cohort.schema.json`.
 */
import { z } from 'zod';
import { awsCronProblem } from './aws-cron.ts';
import { COMMERCIAL_REGIONS, isCommercialRegion } from './regions.ts';
import { DATE_TIME_WITH_OFFSET, DAY_MS, isRealCalendarDate, isValidTimeZone, PLAIN_DATE, toInstant } from './time.ts';

export const COHORT_ID_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const STUDENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,23}$/;
export const DATASET_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const ETL_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const SECRET_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
export const GITHUB_LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export const MAX_SCHEDULE_DAYS = 90;

// A missing email falls through to the generic "missing required key" message.
const email = z.email({
  error: (issue) => (issue.input === undefined ? undefined : `"${String(issue.input)}" is not a valid email address`),
});

/**
 * Cross-field checks run even when a sibling field failed, so one run reports every problem; they therefore see
 * the raw value of failed fields and must check types themselves.
 */
const evenWithFieldErrors = {
  when: (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null,
};
const isText = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Upper bounds on list sizes: AWS quotas make larger cohorts fail at apply, and they keep validation fast. */
export const MAX_STUDENTS = 500;
export const MAX_INSTRUCTORS = 20;
export const MAX_DATASETS = 20;
export const MAX_ETL_JOBS = 10;
/** AWS allows 50 tags per resource; the project adds its own (workshop:cohort, workshop:owner, managed-by). */
export const MAX_TAGS = 40;

const githubLogin = z
  .string()
  .regex(GITHUB_LOGIN_PATTERN, 'must be a GitHub login: letters, digits and single hyphens, at most 39 characters');

export const CohortId = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(
    COHORT_ID_PATTERN,
    'must start with a lowercase letter, end with a letter or digit, and use only a-z, 0-9 and -',
  )
  .refine((id) => !id.includes('--'), 'must not contain "--"')
  .describe('Cohort id; equals the file name without .yaml');

const DateOrDateTime = z
  .string()
  .refine(
    (value) => (PLAIN_DATE.test(value) || DATE_TIME_WITH_OFFSET.test(value)) && isRealCalendarDate(value),
    'must be a date (YYYY-MM-DD) or an ISO date-time with an offset (2026-12-07T09:00:00+09:00)',
  )
  .meta({ examples: ['2026-12-07', '2026-12-07T09:00:00+09:00'] });

const Schedule = z
  .strictObject({
    start: DateOrDateTime.describe('First day of the workshop; plain dates are read in `timezone`'),
    end: DateOrDateTime.describe(
      `Last day of the workshop; not before start, at most ${MAX_SCHEDULE_DAYS} days after it`,
    ),
    timezone: z
      .string()
      .refine(isValidTimeZone, 'must be an IANA time zone such as "Asia/Seoul" or "UTC"')
      .default('UTC')
      .describe('IANA time zone in which plain dates are read'),
    teardownAfterDays: z.int().min(0).max(30).default(3).describe('Teardown is due this many days after end'),
  })
  .superRefine((schedule, ctx) => {
    const ok = (v: unknown): v is string =>
      isText(v) && (PLAIN_DATE.test(v) || DATE_TIME_WITH_OFFSET.test(v)) && isRealCalendarDate(v);
    if (!ok(schedule.start) || !ok(schedule.end) || !isText(schedule.timezone) || !isValidTimeZone(schedule.timezone)) {
      return;
    }
    const start = toInstant(schedule.start, schedule.timezone);
    const end = toInstant(schedule.end, schedule.timezone, { endOfDay: true });
    if (end.getTime() < start.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `must not be before start (${schedule.start})` });
    } else if (end.getTime() - start.getTime() > MAX_SCHEDULE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must be at most ${MAX_SCHEDULE_DAYS} days after start (${schedule.start}); split a longer course into cohorts`,
      });
    }
  }, evenWithFieldErrors);

const Region = z
  .string()
  .superRefine((value, ctx) => {
    if (!isCommercialRegion(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a commercial AWS region code (for example ap-northeast-2, us-east-1)`,
      });
    }
  })
  .meta({ enum: [...COMMERCIAL_REGIONS] });

const Regions = z
  .strictObject({
    primary: Region.describe('Region holding the workshop'),
    backup: Region.optional().describe('Backup region; enables replication and DR audits'),
    failover: z
      .boolean()
      .default(false)
      .describe('Also build the catalog, crawlers and workgroups in the backup region over the replicas'),
  })
  .superRefine((regions, ctx) => {
    if (isText(regions.backup) && regions.backup === regions.primary) {
      ctx.addIssue({
        code: 'custom',
        path: ['backup'],
        message: 'must differ from the primary region; pick another region or remove backup',
      });
    }
    if (regions.failover === true && regions.backup === undefined) {
      ctx.addIssue({ code: 'custom', path: ['failover'], message: 'needs regions.backup to fail over to' });
    }
  }, evenWithFieldErrors);

const Budget = z.strictObject({
  limitUsd: z.number().gt(0, 'must be greater than 0').max(100_000).describe('Monthly budget in US dollars'),
  alertPercents: z
    .array(z.number().min(1).max(200))
    .min(1)
    .max(4, 'at most 4: AWS Budgets allows 5 notifications per budget and one is the 100% forecast alert')
    .refine((list) => list.every((v, i) => i === 0 || v > (list[i - 1] ?? 0)), 'must be strictly ascending')
    .default([50, 80, 100])
    .describe('Actual-spend alert thresholds, percent of the limit'),
  freezeAtPercent: z
    .number()
    .min(1)
    .max(200)
    .nullable()
    .default(100)
    .describe('Students lose write access at this spend; null disables'),
});

const Instructor = z.strictObject({
  name: z.string().min(1).max(120),
  email,
  github: githubLogin.optional(),
});

export const Student = z.strictObject({
  id: z
    .string()
    .regex(STUDENT_ID_PATTERN, 'must be 1-24 characters of a-z, 0-9 and -, starting with a letter or digit'),
  name: z.string().min(1).max(120),
  email,
});
export type Student = z.infer<typeof Student>;

const repoPath = (what: string) =>
  z
    .string()
    .min(1)
    .refine(
      (p) => !p.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(p),
      `${what} must be a path relative to the cohort file`,
    );

export const GLUE_PRIMITIVE_TYPES = [
  'string',
  'boolean',
  'tinyint',
  'smallint',
  'int',
  'bigint',
  'float',
  'double',
  'date',
  'timestamp',
  'binary',
] as const;
const GLUE_TYPE = new RegExp(
  `^(${GLUE_PRIMITIVE_TYPES.join('|')}|decimal\\(\\d{1,2},\\s*\\d{1,2}\\)|decimal|varchar\\(\\d+\\)|char\\(\\d+\\)|(array|map|struct)<.+>)$`,
);

const Column = z.strictObject({
  name: z.string().regex(/^[a-z_][a-z0-9_]{0,254}$/, 'must be a lowercase Glue column name (a-z, 0-9, _)'),
  type: z
    .string()
    .regex(
      GLUE_TYPE,
      `must be a Glue type: ${GLUE_PRIMITIVE_TYPES.join(', ')}, decimal(p,s), array<…>, map<…>, struct<…>`,
    ),
});

const Dataset = z.strictObject({
  name: z.string().regex(DATASET_NAME_PATTERN, 'must be 1-64 characters of a-z, 0-9 and _, starting with a letter'),
  source: repoPath('source'),
  format: z.enum(['csv', 'json', 'parquet']),
  columns: z.array(Column).min(1).optional().describe('Declared schema, checked after crawls'),
});

const cron = () =>
  z.string().superRefine((value, ctx) => {
    const problem = awsCronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const EtlJob = z.strictObject({
  name: z.string().regex(ETL_NAME_PATTERN, 'must be 1-40 characters of a-z, 0-9 and -, starting with a letter'),
  script: repoPath('script'),
  workerType: z.enum(['G.025X', 'G.1X', 'G.2X']).default('G.1X'),
  maxWorkers: z.int().min(2).max(20).default(2),
  schedule: cron().optional().describe('AWS cron expression (6 fields)'),
});

const Crawler = z.strictObject({ schedule: cron().default('cron(0 1 * * ? *)') });

const Athena = z.strictObject({
  scanLimitGbPerQuery: z.number().min(1).max(1000).default(10),
  resultRetentionDays: z.int().min(1).max(365).default(7),
});

/**
 * Lifecycle steps in order, each with the least number of days S3 accepts after the step before: an object must
 * stay 30 days in Standard-IA before Glacier, and 90 in Glacier before Deep Archive, or the rule is rejected.
 */
const STORAGE_STEPS = [
  {
    key: 'glacierAfterDays',
    after: 'infrequentAccessAfterDays',
    gap: 30,
    why: 'S3 keeps objects 30 days in Standard-IA before Glacier',
  },
  {
    key: 'deepArchiveAfterDays',
    after: 'glacierAfterDays',
    gap: 90,
    why: 'S3 keeps objects 90 days in Glacier before Deep Archive',
  },
  { key: 'expireAfterDays', after: 'deepArchiveAfterDays', gap: 1, why: 'storage steps are strictly increasing' },
] as const;
const Storage = z
  .strictObject({
    // S3 requires objects to stay 30 days in Standard before a transition to Standard-IA.
    infrequentAccessAfterDays: z
      .int()
      .min(30, 'S3 allows Standard-IA transitions after 30 days at the earliest')
      .default(30),
    glacierAfterDays: z.int().min(1).default(90),
    deepArchiveAfterDays: z.int().min(1).default(180),
    expireAfterDays: z.int().min(1).max(3650).default(365),
  })
  .superRefine((storage, ctx) => {
    for (const step of STORAGE_STEPS) {
      const [before, current] = [storage[step.after], storage[step.key]];
      if (isNumber(before) && isNumber(current) && current < before + step.gap) {
        ctx.addIssue({
          code: 'custom',
          path: [step.key],
          message:
            step.gap === 1
              ? `must be greater than ${step.after} (${before}): ${step.why}`
              : `must be at least ${before + step.gap} (${step.after} ${before} + ${step.gap}): ${step.why}`,
        });
      }
    }
  }, evenWithFieldErrors);

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+(:[0-9a-fA-F.]+)?\/(12[0-8]|1[01]\d|\d?\d)$/;
const Cidr = z
  .string()
  .refine(
    (v) => IPV4_CIDR.test(v) || (IPV6_CIDR.test(v) && v.includes(':')),
    'must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24',
  );

const Security = z.strictObject({
  requireMfa: z.boolean().default(false),
  allowedCidrs: z.array(Cidr).default([]).describe('Addresses that may reach the buckets directly'),
});

const Notifications = z.strictObject({
  emails: z.array(email).default([]).describe('Extra addresses; instructors are always notified'),
  slackWebhookSecret: z
    .string()
    .regex(SECRET_NAME_PATTERN, 'must be the NAME of a repository secret (A-Z, 0-9, _), never the webhook URL')
    .optional(),
});

// The characters AWS accepts in tag keys and values (letters, digits, spaces and _ . : / = + - @ in any script).
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const Tags = z
  .record(
    z
      .string()
      .min(1, 'tag keys must not be empty')
      .max(128, 'tag keys are at most 128 characters')
      .regex(TAG_TEXT, 'tag keys may use letters, digits, spaces and _ . : / = + - @')
      .refine((k) => !k.toLowerCase().startsWith('aws:'), 'tag keys must not start with "aws:" (reserved by AWS)'),
    z
      .string()
      .max(256, 'tag values are at most 256 characters')
      .regex(TAG_TEXT, 'tag values may use letters, digits, spaces and _ . : / = + - @'),
  )
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, `at most ${MAX_TAGS} tags (AWS allows 50 per resource)`)
  .meta({ maxProperties: MAX_TAGS })
  .default({});

export const Cohort = z
  .strictObject({
    id: CohortId,
    title: z.string().min(1).max(120).describe('Human-readable title; any Unicode'),
    owner: githubLogin.describe('GitHub login of the responsible instructor'),
    schedule: Schedule,
    regions: Regions,
    budget: Budget,
    instructors: z
      .array(Instructor)
      .min(1, 'list at least one instructor')
      .max(MAX_INSTRUCTORS, `at most ${MAX_INSTRUCTORS} instructors per cohort`),
    students: z
      .array(Student)
      .min(1, 'list at least one student, or use roster')
      .max(MAX_STUDENTS, `at most ${MAX_STUDENTS} students per cohort; split larger groups into several cohorts`)
      .optional(),
    roster: repoPath('roster').optional().describe('CSV file with header id,name,email'),
    datasets: z.array(Dataset).max(MAX_DATASETS, `at most ${MAX_DATASETS} datasets per cohort`).default([]),
    etl: z
      .array(EtlJob)
      .max(MAX_ETL_JOBS, `at most ${MAX_ETL_JOBS} ETL jobs per cohort: every student runs a copy of each`)
      .default([]),
    crawler: Crawler.prefault({}),
    athena: Athena.prefault({}),
    storage: Storage.prefault({}),
    security: Security.prefault({}),
    notifications: Notifications.prefault({}),
    tags: Tags,
  })
  .superRefine((cohort, ctx) => {
    if (cohort.students !== undefined && cohort.roster !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['roster'],
        message: 'use either students or roster, not both: remove one of them',
      });
    } else if (cohort.students === undefined && cohort.roster === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'missing students: list students or point roster at a CSV file',
      });
    }
    uniqueBy(ctx, cohort.students, ['students'], 'id');
    uniqueBy(ctx, cohort.students, ['students'], 'email', (v) => v.toLowerCase());
    uniqueBy(ctx, cohort.datasets, ['datasets'], 'name');
    uniqueBy(ctx, cohort.etl, ['etl'], 'name');
  }, evenWithFieldErrors);

export type CohortInput = z.input<typeof Cohort>;
/** A cohort as read from its file, defaults applied; students from a roster are filled in by the loader. */
export type CohortFile = z.infer<typeof Cohort>;
/** A cohort ready for synthesis: students always resolved. */
export type ResolvedCohort = Omit<CohortFile, 'students'> & { students: Student[] };

/** Reports repeated values of `key` at the repeat; items that failed their own schema (raw values) are skipped. */
function uniqueBy(
  ctx: z.RefinementCtx,
  items: unknown,
  path: readonly (string | number)[],
  key: string,
  normalise: (value: string) => string = (v) => v,
): void {
  if (!Array.isArray(items)) return;
  const seen = new Map<string, number>();
  items.forEach((item: unknown, index) => {
    const raw: unknown = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
    if (!isText(raw)) return;
    const value = normalise(raw);
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, index);
    } else {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, key],
        message: `duplicate ${key} "${raw}" (first used by item ${first + 1} of ${path.join('.')}); each ${key} must be unique`,
      });
    }
  });
}
