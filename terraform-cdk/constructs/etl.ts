/**
 * Glue ETL jobs. A Glue job runs once at a time and keeps one bookmark, so a class cannot share it (pitfall 5):
 * each `etl` entry gives a base job (instructors, and the schedule) and one copy per student, with its own name and
 * bookmark, writing under the student's own prefix of the processed bucket (`students/<IAM user name>/`, the prefix
 * the student policy opens as `students/${aws:username}/`).
 */
import type { CohortFile } from '../../src/cohort/schema.ts';
import { Construct, GlueJob, GlueTrigger } from '../cdktf-classes.ts';
import { PREFIXES } from '../policies/arns.ts';
import { create, tfId } from './address.ts';
import type { Catalog } from './catalog.ts';
import { type CohortContext, s3Url } from './cohort-context.ts';
import { scriptKey } from './storage.ts';

/** Current Glue version (Spark 3.5, Python 3.11); auto-scaling needs 3.0 or later. */
export const GLUE_VERSION = '5.0';
/** Minutes before a run is stopped; Glue's default is 48 hours. */
export const JOB_TIMEOUT_MINUTES = 60;
/** Prefix of the processed bucket written by the base jobs. */
export const SHARED_PREFIX = 'shared/';

type EtlEntry = CohortFile['etl'][number];

/** The processed-bucket prefix a student's job copies write under. */
export function studentPrefix(userName: string): string {
  return `${PREFIXES.students}${userName}/`;
}

export class Etl extends Construct {
  /** Every job name (base jobs and copies), for monitoring. */
  readonly jobNames: string[] = [];
  /** Base job name per ETL entry. */
  readonly baseJobs = new Map<string, GlueJob>();

  constructor(scope: Construct, ctx: CohortContext, catalog: Catalog) {
    super(scope, 'etl');
    const { cohort, names } = ctx;
    // The ETL entries name no dataset: they read the first one (the sample script reads `--table`).
    const table = cohort.datasets[0]?.name;
    for (const entry of cohort.etl) {
      const base = this.job(ctx, catalog, entry, tfId('etl', entry.name), names.job(entry.name), SHARED_PREFIX, table);
      this.baseJobs.set(entry.name, base);
      if (entry.schedule !== undefined) {
        create(this, GlueTrigger, tfId('etl', entry.name), {
          name: names.trigger(entry.name),
          type: 'SCHEDULED',
          schedule: entry.schedule,
          startOnCreation: true,
          actions: [{ jobName: base.name }],
        });
      }
      for (const student of cohort.students) {
        this.job(
          ctx,
          catalog,
          entry,
          tfId('etl', entry.name, student.id),
          names.studentJob(entry.name, student.id),
          studentPrefix(names.studentUser(student.id)),
          table,
        );
      }
    }
  }

  private job(
    ctx: CohortContext,
    catalog: Catalog,
    entry: EtlEntry,
    logicalId: string,
    name: string,
    prefix: string,
    table: string | undefined,
  ): GlueJob {
    const raw = ctx.names.bucket('raw');
    const processed = ctx.names.bucket('processed');
    this.jobNames.push(name);
    return create(this, GlueJob, logicalId, {
      name,
      description: `ETL "${entry.name}" of cohort ${ctx.cohort.id}, writing under ${prefix}`,
      roleArn: catalog.role.arn,
      glueVersion: GLUE_VERSION,
      workerType: entry.workerType,
      // With auto-scaling on, this is the ceiling, not a fixed size.
      numberOfWorkers: entry.maxWorkers,
      timeout: JOB_TIMEOUT_MINUTES,
      maxRetries: 0,
      securityConfiguration: catalog.securityConfiguration.name,
      executionProperty: { maxConcurrentRuns: 1 },
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: s3Url(raw, scriptKey(entry.script)) },
      defaultArguments: {
        '--job-language': 'python',
        '--job-bookmark-option': 'job-bookmark-enable',
        '--enable-auto-scaling': 'true',
        '--enable-metrics': 'true',
        '--enable-observability-metrics': 'true',
        '--enable-continuous-cloudwatch-log': 'true',
        '--continuous-log-logGroup': catalog.logGroup.name,
        '--TempDir': s3Url(processed, `${PREFIXES.glueTemp}${name}/`),
        '--raw_path': s3Url(raw),
        '--output_path': s3Url(processed, `${prefix}${entry.name}/`),
        '--database': catalog.database.name,
        ...(table === undefined ? {} : { '--table': table }),
      },
    });
  }
}
