/**
 * Athena query history of one workgroup, newest first, back to a given instant: the ids from
 * `ListQueryExecutions`, the details from `BatchGetQueryExecution` (50 at a time). Bounded: a busy workgroup stops
 * at `maxQueries` and says so. Query texts are returned as data; nothing here interprets them.
 */
import {
  type AthenaClient,
  BatchGetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';

/** `ListQueryExecutions` pages and `BatchGetQueryExecution` requests hold at most 50 ids. */
const PAGE = 50;
export const MAX_QUERIES_PER_WORKGROUP = 1000;

export interface QueryExecutionSummary {
  readonly id: string;
  readonly workgroup: string;
  /** The SQL as submitted: data, never evaluated. */
  readonly query: string;
  /** DDL, DML or UTILITY. */
  readonly statementType?: string;
  /** QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED. */
  readonly state: string;
  readonly submittedAt?: Date;
  readonly scannedBytes: number;
  readonly database?: string;
}

export interface QueryHistory {
  readonly executions: readonly QueryExecutionSummary[];
  /** True when `maxQueries` stopped the reading before `since` was reached. */
  readonly truncated: boolean;
}

export interface QueryHistoryOptions {
  readonly since: Date;
  readonly maxQueries?: number;
}

export interface AthenaApi {
  queryHistory(workgroup: string, options: QueryHistoryOptions): Promise<QueryHistory>;
}

export function summarize(execution: QueryExecution, workgroup: string): QueryExecutionSummary | undefined {
  if (execution.QueryExecutionId === undefined) return undefined;
  const submittedAt = execution.Status?.SubmissionDateTime;
  const database = execution.QueryExecutionContext?.Database;
  return {
    id: execution.QueryExecutionId,
    workgroup: execution.WorkGroup ?? workgroup,
    query: execution.Query ?? '',
    ...(execution.StatementType === undefined ? {} : { statementType: execution.StatementType }),
    state: execution.Status?.State ?? 'UNKNOWN',
    ...(submittedAt === undefined ? {} : { submittedAt }),
    scannedBytes: execution.Statistics?.DataScannedInBytes ?? 0,
    ...(database === undefined ? {} : { database }),
  };
}

const before = (execution: QueryExecutionSummary, since: Date) =>
  execution.submittedAt !== undefined && execution.submittedAt.getTime() < since.getTime();

export function athenaApi(client: AthenaClient): AthenaApi {
  return {
    async queryHistory(workgroup, options) {
      const maxQueries = options.maxQueries ?? MAX_QUERIES_PER_WORKGROUP;
      const executions: QueryExecutionSummary[] = [];
      let fetched = 0;
      let token: string | undefined;
      for (;;) {
        const page = await client.send(
          new ListQueryExecutionsCommand({
            WorkGroup: workgroup,
            MaxResults: PAGE,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        const listed = page.QueryExecutionIds ?? [];
        const ids = listed.slice(0, maxQueries - fetched);
        fetched += ids.length;
        if (ids.length > 0) {
          const details = await client.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids }));
          const batch = (details.QueryExecutions ?? []).flatMap((e) => summarize(e, workgroup) ?? []);
          executions.push(...batch.filter((e) => !before(e, options.since)));
          // Newest first: once a page reaches past `since`, older pages hold nothing wanted.
          if (batch.some((e) => before(e, options.since))) return { executions, truncated: false };
        }
        token = page.NextToken || undefined;
        const more = token !== undefined || ids.length < listed.length;
        if (!more) return { executions, truncated: false };
        if (fetched >= maxQueries) return { executions, truncated: true };
      }
    },
  };
}
