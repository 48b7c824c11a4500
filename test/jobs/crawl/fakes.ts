/** A scripted Glue for the crawl tests: each crawler walks through a list of states, one per poll. */
import type { CatalogTable, CrawlerMetrics, CrawlerStatus, GlueApi } from '../../../src/aws/glue.ts';

export interface ScriptedCrawler {
  /** State at the first look (before any start). */
  initial: 'READY' | 'RUNNING';
  /** Polls answering RUNNING after the start (or after the first look when already running); Infinity: never ends. */
  runningPolls: number;
  /** How the crawl ends. */
  outcome: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  errorMessage?: string;
  /** StartCrawler answers CrawlerRunningException although the first look said READY (a race). */
  raceOnStart?: boolean;
  metrics?: Omit<CrawlerMetrics, 'name'>;
}

export class FakeGlue implements GlueApi {
  readonly crawlerScripts = new Map<string, ScriptedCrawler>();
  readonly started: string[] = [];
  readonly batchCalls: string[][] = [];
  tablesByDatabase = new Map<string, CatalogTable[]>();
  private readonly polls = new Map<string, number>();
  private readonly startTimes = new Map<string, Date>();

  constructor(private readonly now: () => Date) {}

  async crawlers(names: readonly string[]) {
    this.batchCalls.push([...names]);
    const found: CrawlerStatus[] = [];
    const missing: string[] = [];
    for (const name of names) {
      const script = this.crawlerScripts.get(name);
      if (script === undefined) {
        missing.push(name);
        continue;
      }
      found.push(this.status(name, script));
    }
    return { found, missing };
  }

  private status(name: string, script: ScriptedCrawler): CrawlerStatus {
    const active = this.started.includes(name) || script.initial === 'RUNNING';
    if (!active) {
      return {
        name,
        state: 'READY',
        lastCrawl: { status: 'SUCCEEDED', startTime: new Date('2026-01-01T00:00:00Z') },
      };
    }
    const seen = this.polls.get(name) ?? 0;
    this.polls.set(name, seen + 1);
    // The first look at an already running crawler counts as a poll too.
    if (seen < script.runningPolls) return { name, state: 'RUNNING' };
    return {
      name,
      state: 'READY',
      lastCrawl: {
        status: script.outcome,
        startTime: this.startTimes.get(name) ?? this.now(),
        ...(script.errorMessage === undefined ? {} : { errorMessage: script.errorMessage }),
      },
    };
  }

  async startCrawler(name: string) {
    const script = this.crawlerScripts.get(name);
    if (script?.raceOnStart) {
      script.initial = 'RUNNING';
      return 'already-running' as const;
    }
    this.started.push(name);
    this.startTimes.set(name, this.now());
    return 'started' as const;
  }

  async crawlerMetrics(names: readonly string[]) {
    return names.map((name) => ({
      name,
      tablesCreated: 0,
      tablesUpdated: 0,
      tablesDeleted: 0,
      ...this.crawlerScripts.get(name)?.metrics,
    }));
  }

  async tables(database: string) {
    return this.tablesByDatabase.get(database);
  }
}
