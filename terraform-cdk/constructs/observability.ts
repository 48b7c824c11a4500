/**
 * Seeing what happens: the cohort's CloudTrail trail (S3 data events of its buckets, validated, encrypted, also in
 * CloudWatch Logs), the alerts topic (encrypted with the cohort key: the AWS-managed SNS key silently drops alarm
 * notifications, pitfall 8) with its email subscriptions, EventBridge rules for Glue failures, CloudWatch alarms,
 * the dashboard, and the SES templates of the emails the scheduled jobs send.
 */
import { createHash } from 'node:crypto';
import {
  Cloudtrail,
  CloudwatchDashboard,
  CloudwatchEventRule,
  CloudwatchEventTarget,
  CloudwatchLogGroup,
  CloudwatchMetricAlarm,
  Construct,
  SesTemplate,
  SnsTopic,
  SnsTopicPolicy,
  SnsTopicSubscription,
} from '../cdktf-classes.ts';
import { bucketPolicy } from '../policies/bucket.ts';
import { topicPolicy } from '../policies/sns.ts';
import { trailLogsRolePolicy, trailLogsTrust } from '../policies/trail.ts';
import { create, SynthesisError, tfId } from './address.ts';
import { scanCutoffBytes } from './analytics.ts';
import { BaselineBucket } from './baseline-bucket.ts';
import { LOG_RETENTION_DAYS } from './catalog.ts';
import type { CohortContext } from './cohort-context.ts';
import { dashboardBody } from './dashboard.ts';
import { EMAIL_TEMPLATES, type EmailTemplateKind } from './email-templates.ts';
import { uniqueEmails } from './emails.ts';
import { role } from './iam.ts';
import { storageLifecycle } from './lifecycle-rules.ts';
import { REPLICATION_RULE_ID } from './replication.ts';
import { jsonLiteral, literal } from './terraform-text.ts';

/** EventBridge rejects event patterns longer than this (default quota). */
export const MAX_EVENT_PATTERN = 2048;
/** A student's workgroup alarms when an hour's scans exceed this many queries at the per-query cutoff. */
export const SCAN_ALARM_CUTOFFS_PER_HOUR = 5;
const HOUR = 3600;

export interface ObservedResources {
  /** Every Glue job of the cohort: base jobs and students' copies. */
  readonly jobNames: readonly string[];
  /** Whether raw and processed replicate to the backup region. */
  readonly replicated: boolean;
}

/** Source and replica bucket names of each replicated bucket. */
function replicaPairs(ctx: CohortContext, replicated: boolean) {
  const { names } = ctx;
  return (replicated ? (['raw', 'processed'] as const) : []).map((role) => ({
    role,
    source: names.bucket(role),
    replica: names.replicaBucket(role),
  }));
}

/** Instructors and `notifications.emails`, each address once (case-insensitively), in file order. */
export function alertRecipients(cohort: CohortContext['cohort']): string[] {
  return uniqueEmails([...cohort.instructors.map((i) => i.email), ...cohort.notifications.emails]);
}

/**
 * Glue failure events of the cohort's jobs: the base jobs by name, the students' copies by the cohort's student
 * prefix (`<base>_`, which no other cohort's names start with). Listing 30 copies by name would exceed EventBridge's
 * 2,048-character pattern limit.
 */
export function jobFailurePattern(baseJobNames: readonly string[], studentPrefix: string): Record<string, unknown> {
  return {
    source: ['aws.glue'],
    'detail-type': ['Glue Job State Change'],
    detail: { jobName: [...baseJobNames, { prefix: studentPrefix }], state: ['FAILED', 'TIMEOUT', 'ERROR'] },
  };
}

export function crawlerFailurePattern(crawlerNames: readonly string[]): Record<string, unknown> {
  return {
    source: ['aws.glue'],
    'detail-type': ['Glue Crawler State Change'],
    detail: { crawlerName: [...crawlerNames], state: ['Failed'] },
  };
}

export class Observability extends Construct {
  readonly topic: SnsTopic;
  readonly trail: Cloudtrail;
  readonly trailBucket: BaselineBucket;

  constructor(scope: Construct, ctx: CohortContext, observed: ObservedResources) {
    super(scope, 'observability');
    const { cohort, names } = ctx;
    const kmsKeyArn = ctx.keys.primary.arn;
    const dataBuckets = [names.bucket('raw'), names.bucket('processed'), names.bucket('results')];
    const replicas = replicaPairs(ctx, observed.replicated);
    const baseJobNames = cohort.etl.map((e) => names.job(e.name));
    const crawlerNames = cohort.datasets.map((d) => names.crawler(d.name));
    const studentWorkgroups = cohort.students.map((s) => names.studentWorkgroup(s.id));

    this.topic = create(this, SnsTopic, 'alerts', { name: names.topic, kmsMasterKeyId: kmsKeyArn });
    create(this, SnsTopicPolicy, 'alerts', {
      arn: this.topic.arn,
      policy: jsonLiteral(topicPolicy(ctx.policy, this.topic.arn)),
    });
    this.subscribe(alertRecipients(cohort));

    this.trailBucket = new BaselineBucket(this, {
      logicalId: 'trail',
      bucketName: names.bucket('trail'),
      policy: bucketPolicy(ctx.policy, names.bucket('trail'), {
        cloudtrail: true,
        trustedPrincipalArns: ctx.ciRoleArns,
      }),
      lifecycle: storageLifecycle(cohort.storage),
      kmsKeyArn,
    });
    this.trail = this.cloudtrail(ctx, dataBuckets);

    if (baseJobNames.length > 0) {
      const pattern = jobFailurePattern(baseJobNames, names.studentPrefix);
      this.rule('glue_job_failed', names.eventRule('glue-job-failed'), pattern);
    }
    if (crawlerNames.length > 0) {
      this.rule('crawler_failed', names.eventRule('crawler-failed'), crawlerFailurePattern(crawlerNames));
    }

    const threshold = SCAN_ALARM_CUTOFFS_PER_HOUR * scanCutoffBytes(cohort.athena.scanLimitGbPerQuery);
    for (const student of cohort.students) {
      const workgroup = names.studentWorkgroup(student.id);
      this.scanAlarm(tfId('student', student.id), names.scanAlarm(student.id), workgroup, threshold);
    }
    for (const { role: which, source, replica } of replicas) {
      create(this, CloudwatchMetricAlarm, tfId('replication', which), {
        alarmName: names.replicationAlarm(which),
        alarmDescription: `Objects of ${source} failed to replicate to ${replica}`,
        namespace: 'AWS/S3',
        metricName: 'OperationsFailedReplication',
        dimensions: { SourceBucket: source, DestinationBucket: replica, RuleId: REPLICATION_RULE_ID },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.arn],
      });
    }

    create(this, CloudwatchDashboard, 'cohort', {
      dashboardName: names.dashboard,
      dashboardBody: jsonLiteral(
        dashboardBody({
          region: cohort.regions.primary,
          cohortId: cohort.id,
          jobNames: observed.jobNames,
          workgroups: [...studentWorkgroups, names.instructorWorkgroup],
          buckets: [...dataBuckets, names.bucket('trail'), ...replicas.map((r) => r.replica)],
          replication: replicas.map((r) => ({ source: r.source, replica: r.replica, ruleId: REPLICATION_RULE_ID })),
        }),
      ),
    });

    for (const kind of Object.keys(EMAIL_TEMPLATES) as EmailTemplateKind[]) {
      const template = EMAIL_TEMPLATES[kind];
      create(this, SesTemplate, tfId(kind), {
        name: names.sesTemplate(kind),
        subject: literal(template.subject),
        html: literal(template.html),
        text: literal(template.text),
      });
    }
  }

  private subscribe(emails: readonly string[]): void {
    const used = new Set<string>();
    for (const email of emails) {
      let id = tfId('email', email.toLowerCase());
      // "a.b@x" and "a_b@x" read the same as addresses: the second gets a short hash of its own.
      if (used.has(id)) id = tfId(id, createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 8));
      used.add(id);
      // Each recipient confirms by email; until then the subscription stays pending (pitfall 8).
      create(this, SnsTopicSubscription, id, { topicArn: this.topic.arn, protocol: 'email', endpoint: literal(email) });
    }
  }

  private cloudtrail(ctx: CohortContext, dataBuckets: readonly string[]): Cloudtrail {
    const { names, cohort } = ctx;
    const logGroup = create(this, CloudwatchLogGroup, 'trail', {
      name: names.trailLogGroup,
      retentionInDays: LOG_RETENTION_DAYS,
      kmsKeyId: ctx.keys.primary.arn,
    });
    const logsRole = role(this, {
      logicalId: 'trail_logs',
      name: names.role('trail-logs'),
      path: names.iamPath,
      description: `CloudTrail delivery to CloudWatch Logs for cohort ${cohort.id}`,
      trust: trailLogsTrust(),
      boundaryArn: ctx.boundaryArn,
      inlinePolicy: trailLogsRolePolicy(ctx.policy),
    });
    return create(this, Cloudtrail, 'cohort', {
      name: names.trail,
      s3BucketName: this.trailBucket.bucket.id,
      kmsKeyId: ctx.keys.primary.arn,
      enableLogFileValidation: true,
      // The account's management events belong to an account trail; a copy per cohort would be billed again.
      includeGlobalServiceEvents: false,
      isMultiRegionTrail: false,
      cloudWatchLogsGroupArn: `${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: logsRole.arn,
      advancedEventSelector: [
        {
          name: 'Object-level activity in the cohort buckets',
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: dataBuckets.map((b) => `arn:aws:s3:::${b}/`) },
          ],
        },
      ],
      // CloudTrail checks at creation that it may write to the bucket.
      dependsOn: [this.trailBucket.policy],
    });
  }

  private rule(logicalId: string, name: string, pattern: Record<string, unknown>): void {
    const text = JSON.stringify(pattern);
    if (text.length > MAX_EVENT_PATTERN) {
      throw new SynthesisError(
        `event rule ${name}: its pattern is ${text.length} characters, EventBridge allows ${MAX_EVENT_PATTERN}; use fewer datasets or ETL entries`,
      );
    }
    const rule = create(this, CloudwatchEventRule, logicalId, {
      name,
      description: 'Glue failures of the workshop cohort, sent to its alerts topic',
      eventPattern: jsonLiteral(pattern),
    });
    create(this, CloudwatchEventTarget, logicalId, { rule: rule.name, targetId: 'alerts', arn: this.topic.arn });
  }

  private scanAlarm(logicalId: string, alarmName: string, workgroup: string, threshold: number): void {
    // Athena publishes ProcessedBytes per (WorkGroup, QueryState, QueryType); an alarm cannot match a partial set of
    // dimensions, so the query states are summed. Queries stopped at the cutoff end as FAILED or CANCELED.
    const states = ['SUCCEEDED', 'FAILED', 'CANCELED'];
    create(this, CloudwatchMetricAlarm, logicalId, {
      alarmName,
      alarmDescription: `Athena workgroup ${workgroup} scanned more than ${threshold} bytes in an hour`,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold,
      treatMissingData: 'notBreaching',
      alarmActions: [this.topic.arn],
      metricQuery: [
        ...states.map((state, i) => ({
          id: `m${i + 1}`,
          returnData: false,
          metric: {
            namespace: 'AWS/Athena',
            metricName: 'ProcessedBytes',
            dimensions: { WorkGroup: workgroup, QueryState: state, QueryType: 'DML' },
            period: HOUR,
            stat: 'Sum',
          },
        })),
        {
          id: 'total',
          expression: states.map((_, i) => `FILL(m${i + 1}, 0)`).join(' + '),
          label: 'Bytes scanned',
          returnData: true,
        },
      ],
    });
  }
}
