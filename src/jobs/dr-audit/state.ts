/** The DR audit's ops state: the alert keys active after the last run, so a finding alerts once until it clears. */
import { z } from 'zod';

export const DrAuditState = z.object({ activeAlerts: z.array(z.string()).default([]) });
export type DrAuditState = z.infer<typeof DrAuditState>;
