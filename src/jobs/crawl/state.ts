/** The crawl job's ops state: the alert keys active after the last run (crawler failures, schema findings). */
import { z } from 'zod';

export const CrawlState = z.object({ activeAlerts: z.array(z.string()).default([]) });
export type CrawlState = z.infer<typeof CrawlState>;
