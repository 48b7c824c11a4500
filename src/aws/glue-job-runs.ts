/**
 * The Glue reads of the cost report. Job runs of one job, newest first, back to a given instant (`GetJobRuns`,
 * paginated and bounded); a job that does not exist is not an error here: a student added since the last apply has
 * no copies yet. And the tables of a database with what query advice needs: location, format, partition keys.
 */
import { GetJobRunsCommand, GetTablesCommand, type GlueClient, type JobRun, type Table } from '@aws-sdk/client-glue';
import { isErrorNamed } from './errors.ts';
import { optional } from './optional-field.ts';

const PAGE = 200;
export const MAX_RUNS_PER_JOB = 400;

export interface JobRunSummary {
  readonly jobName: string;
  readonly id: string;
  /** STARTING, RUNNING, SUCCEEDED, FAILED, TIMEOUT, STOPPED, ERROR, ... */
  readonly state: string;
  readonly startedOn?: Date;
  /** Seconds the run was billed for (Glue's `ExecutionTime`). */
  readonly executionSeconds: number;
  /** Worker-seconds × DPU factor, set for auto-scaling and Flex runs only. */
  readonly dpuSeconds?: number;
  readonly workerType?: string;
  /** Workers the run was allowed (the ceiling with auto-scaling). */
  readonly numberOfWorkers?: number;
  /** DPUs of runs without a worker type (older jobs). */
  readonly maxCapacity?: number;
}

export interface JobRunHistory {
  readonly runs: readonly JobRunSummary[];
  readonly truncated: boolean;
  /** The job does not exist. */
  readonly missing: boolean;
}

export interface JobRunOptions {
  readonly since: Date;
  readonly maxRuns?: number;
}

export interface GlueTable {
  readonly database: string;
  readonly name: string;
  /** `s3://bucket/prefix/`. */
  readonly location?: string;
  /** csv, json, parquet, orc, avro, ...: the crawler's classification, else read from the SerDe. */
  readonly format?: string;
  readonly partitionKeys: readonly string[];
}

export interface GlueReadsApi {
  jobRuns(jobName: string, options: JobRunOptions): Promise<JobRunHistory>;
  /** Every table of the database; none when the database does not exist. */
  tables(database: string): Promise<GlueTable[]>;
}

const SERDE_FORMATS: readonly (readonly [RegExp, string])[] = [
  [/parquet/i, 'parquet'],
  [/orc/i, 'orc'],
  [/avro/i, 'avro'],
  [/json/i, 'json'],
  [/OpenCSVSerde|LazySimpleSerDe/i, 'csv'],
];

export function tableFormat(table: Table): string | undefined {
  const classification = table.Parameters?.classification;
  if (classification !== undefined && classification !== '') return classification.toLowerCase();
  const serde = `${table.StorageDescriptor?.SerdeInfo?.SerializationLibrary ?? ''} ${table.StorageDescriptor?.InputFormat ?? ''}`;
  return SERDE_FORMATS.find(([pattern]) => pattern.test(serde))?.[1];
}

export function glueTable(table: Table, database: string): GlueTable | undefined {
  if (table.Name === undefined) return undefined;
  const location = table.StorageDescriptor?.Location;
  const format = tableFormat(table);
  return {
    database: table.DatabaseName ?? database,
    name: table.Name,
    ...(location === undefined ? {} : { location }),
    ...(format === undefined ? {} : { format }),
    partitionKeys: (table.PartitionKeys ?? []).flatMap((k) => k.Name ?? []),
  };
}

export function summarizeRun(run: JobRun, jobName: string): JobRunSummary | undefined {
  if (run.Id === undefined) return undefined;
  return {
    jobName: run.JobName ?? jobName,
    id: run.Id,
    state: run.JobRunState ?? 'UNKNOWN',
    executionSeconds: run.ExecutionTime ?? 0,
    ...optional('startedOn', run.StartedOn),
    ...optional('dpuSeconds', run.DPUSeconds),
    ...optional('workerType', run.WorkerType),
    ...optional('numberOfWorkers', run.NumberOfWorkers),
    ...optional('maxCapacity', run.MaxCapacity),
  };
}

const before = (run: JobRunSummary, since: Date) =>
  run.startedOn !== undefined && run.startedOn.getTime() < since.getTime();

export function glueReadsApi(client: GlueClient): GlueReadsApi {
  return {
    async jobRuns(jobName, options) {
      const maxRuns = options.maxRuns ?? MAX_RUNS_PER_JOB;
      const runs: JobRunSummary[] = [];
      let seen = 0;
      let token: string | undefined;
      try {
        do {
          const page = await client.send(
            new GetJobRunsCommand({
              JobName: jobName,
              MaxResults: PAGE,
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          );
          token = page.NextToken || undefined;
          const batch = (page.JobRuns ?? []).flatMap((r) => summarizeRun(r, jobName) ?? []);
          seen += batch.length;
          runs.push(...batch.filter((r) => !before(r, options.since)));
          // Newest first: a page reaching past `since` is the last one needed.
          if (batch.some((r) => before(r, options.since))) return { runs, truncated: false, missing: false };
        } while (token !== undefined && seen < maxRuns);
      } catch (error) {
        if (isErrorNamed(error, 'EntityNotFoundException')) return { runs: [], truncated: false, missing: true };
        throw error;
      }
      return { runs, truncated: token !== undefined, missing: false };
    },
    async tables(database) {
      const tables: GlueTable[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await client.send(
            new GetTablesCommand({
              DatabaseName: database,
              MaxResults: 100,
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          );
          token = page.NextToken || undefined;
          tables.push(...(page.TableList ?? []).flatMap((t) => glueTable(t, database) ?? []));
        } while (token !== undefined);
      } catch (error) {
        if (isErrorNamed(error, 'EntityNotFoundException')) return [];
        throw error;
      }
      return tables;
    },
  };
}
