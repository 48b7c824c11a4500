/** What every job receives besides its AWS access: the clock, the logger and whether to change anything. */
import type { Logger } from './logger.ts';

export type { Logger } from './logger.ts';

export interface JobContext {
  now(): Date;
  readonly logger: Logger;
  /** Read and report only: no AWS change, no email, no alert, no state written. */
  readonly dryRun: boolean;
}

/** Waits `ms` milliseconds; injected so tests never wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
