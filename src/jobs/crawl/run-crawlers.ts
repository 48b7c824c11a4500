/**
 * Starts the cohort's crawlers (one already running is joined, not an error) and waits for all of them with
 * growing pauses, up to a bound; the clock and the pause are injected, so tests never wait.
 */
import type { CrawlerMetrics, CrawlerStatus, GlueApi } from '../../aws/glue.ts';
import type { Sleep } from '../common/job-context.ts';

export interface WaitOptions {
  /** Give up waiting after this long (the crawl goes on; the run reports a timeout). Default 30 minutes. */
  readonly timeoutMs: number;
  /** First pause between polls; each next one is `backoff` times longer, at most `maxPollMs`. */
  readonly firstPollMs: number;
  readonly maxPollMs: number;
  readonly backoff: number;
}

export const DEFAULT_WAIT: WaitOptions = {
  timeoutMs: 30 * 60_000,
  firstPollMs: 15_000,
  maxPollMs: 60_000,
  backoff: 1.5,
};

/**
 * A crawl counts as ours when it started at most this long before we asked: Glue's clock and ours differ a little,
 * and a crawl that finished a minute before our start must not be taken for ours.
 */
const CLOCK_SKEW_MS = 30_000;

export type CrawlResult = 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'TIMEOUT' | 'MISSING' | 'WOULD_START' | 'RUNNING';

export interface CrawlerRun {
  readonly crawler: string;
  readonly dataset: string;
  /** How this run found the crawler: started it, or joined a crawl already in progress. */
  readonly start: 'started' | 'already-running' | 'not-started';
  readonly result: CrawlResult;
  readonly durationSeconds?: number;
  readonly tablesCreated?: number;
  readonly tablesUpdated?: number;
  readonly tablesDeleted?: number;
  readonly error?: string;
}

interface Tracked {
  readonly crawler: string;
  readonly dataset: string;
  readonly start: 'started' | 'already-running';
  readonly requestedAt: number;
  sawRunning: boolean;
  finished?: CrawlerStatus;
}

const BUSY = new Set(['RUNNING', 'STOPPING']);

function isFinished(t: Tracked, status: CrawlerStatus): boolean {
  if (BUSY.has(status.state)) {
    t.sawRunning = true;
    return false;
  }
  const started = status.lastCrawl?.startTime?.getTime();
  return t.sawRunning || (started !== undefined && started >= t.requestedAt - CLOCK_SKEW_MS);
}

function resultOf(status: CrawlerStatus): CrawlResult {
  const s = status.lastCrawl?.status;
  return s === 'SUCCEEDED' || s === 'FAILED' || s === 'CANCELLED' ? s : 'FAILED';
}

export interface CrawlDeps {
  readonly glue: GlueApi;
  readonly now: () => Date;
  readonly sleep: Sleep;
  readonly dryRun: boolean;
  readonly wait: WaitOptions;
}

/** `crawlers`: crawler name → dataset name. */
export async function runCrawlers(deps: CrawlDeps, crawlers: ReadonlyMap<string, string>): Promise<CrawlerRun[]> {
  const { glue } = deps;
  const names = [...crawlers.keys()];
  const { found, missing } = await glue.crawlers(names);
  const runs = new Map<string, CrawlerRun>();
  for (const name of missing) {
    runs.set(name, {
      crawler: name,
      dataset: crawlers.get(name) ?? '',
      start: 'not-started',
      result: 'MISSING',
      error: 'Glue has no crawler of this name: apply the cohort',
    });
  }

  const tracked: Tracked[] = [];
  for (const status of found) {
    const dataset = crawlers.get(status.name) ?? '';
    if (deps.dryRun) {
      const result = BUSY.has(status.state) ? 'RUNNING' : 'WOULD_START';
      runs.set(status.name, { crawler: status.name, dataset, start: 'not-started', result });
      continue;
    }
    const requestedAt = deps.now().getTime();
    const start = BUSY.has(status.state) ? 'already-running' : await glue.startCrawler(status.name);
    tracked.push({ crawler: status.name, dataset, start, requestedAt, sawRunning: start === 'already-running' });
  }

  await waitForCrawlers(deps, tracked);

  const metrics = new Map<string, CrawlerMetrics>();
  const done = tracked.filter((t) => t.finished !== undefined).map((t) => t.crawler);
  for (const m of done.length === 0 ? [] : await glue.crawlerMetrics(done)) metrics.set(m.name, m);
  const now = deps.now().getTime();
  for (const t of tracked) {
    const base = { crawler: t.crawler, dataset: t.dataset, start: t.start };
    if (t.finished === undefined) {
      const waited = Math.round((now - t.requestedAt) / 1000);
      runs.set(t.crawler, {
        ...base,
        result: 'TIMEOUT',
        durationSeconds: waited,
        error: `still running after ${Math.round(waited / 60)} minutes of waiting`,
      });
      continue;
    }
    const m = metrics.get(t.crawler);
    const error = t.finished.lastCrawl?.errorMessage;
    runs.set(t.crawler, {
      ...base,
      result: resultOf(t.finished),
      durationSeconds: Math.round(m?.lastRuntimeSeconds ?? (now - t.requestedAt) / 1000),
      ...(m === undefined
        ? {}
        : { tablesCreated: m.tablesCreated, tablesUpdated: m.tablesUpdated, tablesDeleted: m.tablesDeleted }),
      ...(error === undefined ? {} : { error }),
    });
  }
  return names.flatMap((n) => runs.get(n) ?? []);
}

async function waitForCrawlers(deps: CrawlDeps, tracked: readonly Tracked[]): Promise<void> {
  const deadline = deps.now().getTime() + deps.wait.timeoutMs;
  let pause = deps.wait.firstPollMs;
  let pending = tracked.filter((t) => t.finished === undefined);
  while (pending.length > 0) {
    const left = deadline - deps.now().getTime();
    if (left <= 0) return;
    await deps.sleep(Math.min(pause, left));
    pause = Math.min(deps.wait.maxPollMs, pause * deps.wait.backoff);
    const { found } = await deps.glue.crawlers(pending.map((t) => t.crawler));
    const byName = new Map(found.map((s) => [s.name, s]));
    for (const t of pending) {
      const status = byName.get(t.crawler);
      if (status !== undefined && isFinished(t, status)) t.finished = status;
    }
    pending = pending.filter((t) => t.finished === undefined);
  }
}
