/**
 * Polls the replica until the canary's version is there with the same SHA-256, then reads it back and checks the
 * bytes: "readable in the backup region", not just listed. Pauses grow up to a bound and the wait ends at a
 * deadline; the clock and the pause are injected, so tests never wait.
 */
import type { S3CanaryApi } from '../../aws/s3-canary.ts';
import type { S3VersionsApi } from '../../aws/s3-versions.ts';
import type { Sleep } from '../common/job-context.ts';
import { type Canary, sha256Base64 } from './canary.ts';

export interface PollOptions {
  readonly timeoutMs: number;
  readonly firstPollMs: number;
  readonly maxPollMs: number;
  readonly backoff: number;
}

/** Twice the RTC target: a drill still waiting then has clearly missed it. */
export const DEFAULT_POLL: PollOptions = {
  timeoutMs: 30 * 60_000,
  firstPollMs: 5_000,
  maxPollMs: 30_000,
  backoff: 1.5,
};

export type WaitOutcome =
  | { readonly result: 'replicated'; readonly seconds: number; readonly resolutionSeconds: number }
  | { readonly result: 'mismatch'; readonly seconds: number; readonly detail: string }
  | { readonly result: 'timeout'; readonly seconds: number };

export interface WaitDeps {
  readonly versions: S3VersionsApi;
  readonly canary: S3CanaryApi;
  readonly now: () => Date;
  readonly sleep: Sleep;
  readonly poll: PollOptions;
}

export async function waitForReplica(
  deps: WaitDeps,
  replicaBucket: string,
  canary: Canary,
  versionId: string,
  writtenAt: Date,
): Promise<WaitOutcome> {
  const start = writtenAt.getTime();
  const deadline = start + deps.poll.timeoutMs;
  const elapsed = () => Math.round((deps.now().getTime() - start) / 1000);
  let pause = deps.poll.firstPollMs;
  for (;;) {
    const left = deadline - deps.now().getTime();
    if (left <= 0) return { result: 'timeout', seconds: elapsed() };
    const waited = Math.min(pause, left);
    await deps.sleep(waited);
    pause = Math.min(deps.poll.maxPollMs, Math.round(pause * deps.poll.backoff));
    const head = await deps.versions.headVersion(replicaBucket, canary.key, versionId);
    if (head === undefined) continue;
    const stored = head.checksums.SHA256;
    if (stored !== undefined && stored !== canary.sha256) {
      return {
        result: 'mismatch',
        seconds: elapsed(),
        detail: `the replica's SHA-256 is ${stored}, the canary's ${canary.sha256}`,
      };
    }
    const seconds = elapsed();
    const bytes = await deps.canary.get(replicaBucket, canary.key, versionId);
    if (bytes === undefined) continue;
    const read = sha256Base64(bytes);
    if (read !== canary.sha256) {
      return {
        result: 'mismatch',
        seconds,
        detail: `the replica's content hashes to ${read}, the canary's to ${canary.sha256}`,
      };
    }
    return { result: 'replicated', seconds, resolutionSeconds: Math.round(waited / 1000) };
  }
}
