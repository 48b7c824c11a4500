/** Glue crawlers (state, start, metrics) and catalog tables, batched and paginated. */
import {
  BatchGetCrawlersCommand,
  type GlueClient,
  paginateGetCrawlerMetrics,
  paginateGetTables,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { isErrorNamed } from './errors.ts';

export interface LastCrawl {
  /** `SUCCEEDED`, `CANCELLED` or `FAILED`. */
  readonly status: string;
  readonly startTime?: Date;
  readonly errorMessage?: string;
}

export interface CrawlerStatus {
  readonly name: string;
  /** `READY`, `RUNNING` or `STOPPING`. */
  readonly state: string;
  readonly lastCrawl?: LastCrawl;
}

export interface CrawlerMetrics {
  readonly name: string;
  readonly lastRuntimeSeconds?: number;
  readonly tablesCreated: number;
  readonly tablesUpdated: number;
  readonly tablesDeleted: number;
}

export interface CatalogColumn {
  readonly name: string;
  readonly type: string;
}

export interface CatalogTable {
  readonly name: string;
  readonly location?: string;
  readonly columns: readonly CatalogColumn[];
  readonly partitionKeys: readonly CatalogColumn[];
}

export interface GlueApi {
  /** The crawlers found among `names`, and the names Glue does not know. */
  crawlers(names: readonly string[]): Promise<{ found: CrawlerStatus[]; missing: string[] }>;
  /** Starts a crawl; a crawl already in progress is not an error. */
  startCrawler(name: string): Promise<'started' | 'already-running'>;
  crawlerMetrics(names: readonly string[]): Promise<CrawlerMetrics[]>;
  /** Every table of the database, or undefined when the database does not exist. */
  tables(database: string): Promise<CatalogTable[] | undefined>;
}

/** BatchGetCrawlers takes at most 100 names per request. */
const BATCH = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function columns(
  list: readonly { Name?: string | undefined; Type?: string | undefined }[] | undefined,
): CatalogColumn[] {
  return (list ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '' }));
}

export function glueApi(client: GlueClient): GlueApi {
  return {
    async crawlers(names) {
      const found: CrawlerStatus[] = [];
      const missing: string[] = [];
      for (const batch of chunks(names, BATCH)) {
        const out = await client.send(new BatchGetCrawlersCommand({ CrawlerNames: batch }));
        for (const c of out.Crawlers ?? []) {
          const last = c.LastCrawl;
          found.push({
            name: c.Name ?? '',
            state: c.State ?? 'READY',
            ...(last === undefined
              ? {}
              : {
                  lastCrawl: {
                    status: last.Status ?? '',
                    ...(last.StartTime === undefined ? {} : { startTime: last.StartTime }),
                    ...(last.ErrorMessage === undefined ? {} : { errorMessage: last.ErrorMessage }),
                  },
                }),
          });
        }
        missing.push(...(out.CrawlersNotFound ?? []));
      }
      return { found, missing };
    },
    async startCrawler(name) {
      try {
        await client.send(new StartCrawlerCommand({ Name: name }));
        return 'started';
      } catch (error) {
        if (isErrorNamed(error, 'CrawlerRunningException')) return 'already-running';
        throw error;
      }
    },
    async crawlerMetrics(names) {
      const out: CrawlerMetrics[] = [];
      if (names.length === 0) return out;
      for await (const page of paginateGetCrawlerMetrics({ client }, { CrawlerNameList: [...names] })) {
        for (const m of page.CrawlerMetricsList ?? []) {
          out.push({
            name: m.CrawlerName ?? '',
            ...(m.LastRuntimeSeconds === undefined ? {} : { lastRuntimeSeconds: m.LastRuntimeSeconds }),
            tablesCreated: m.TablesCreated ?? 0,
            tablesUpdated: m.TablesUpdated ?? 0,
            tablesDeleted: m.TablesDeleted ?? 0,
          });
        }
      }
      return out;
    },
    async tables(database) {
      const out: CatalogTable[] = [];
      try {
        for await (const page of paginateGetTables({ client }, { DatabaseName: database })) {
          for (const t of page.TableList ?? []) {
            const location = t.StorageDescriptor?.Location;
            out.push({
              name: t.Name ?? '',
              ...(location === undefined ? {} : { location }),
              columns: columns(t.StorageDescriptor?.Columns),
              partitionKeys: columns(t.PartitionKeys),
            });
          }
        }
      } catch (error) {
        if (isErrorNamed(error, 'EntityNotFoundException')) return undefined;
        throw error;
      }
      return out;
    },
  };
}
