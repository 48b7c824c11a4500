/**
 * The drill's ops state: active alert keys, and canaries that could not be removed from the replica yet (a drill
 * that timed out deletes its canary from raw, but the copy may still land in the replica later): the next drill
 * removes exactly those keys, and forgets one after a week.
 */
import { z } from 'zod';

export const PendingCleanup = z.object({ bucket: z.string(), key: z.string(), since: z.string() });
export type PendingCleanup = z.infer<typeof PendingCleanup>;

export const DrDrillState = z.object({
  activeAlerts: z.array(z.string()).default([]),
  pendingCleanup: z.array(PendingCleanup).default([]),
});
export type DrDrillState = z.infer<typeof DrDrillState>;
