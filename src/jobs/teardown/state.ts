/**
 * The teardown job's ops state (`ops/<cohort>/teardown.json`): when each notice went out on each channel, so every
 * notice is sent once per channel over repeated runs (a channel that failed is tried again next run, the others are
 * not repeated), and the numbers of the tracking issue and the teardown pull request.
 */
import { z } from 'zod';

export const NoticeDelivery = z.object({
  /** When the alert (SNS topic, Slack) went out. */
  alert: z.string().optional(),
  /** When the comment on the tracking issue was posted. */
  github: z.string().optional(),
});
export type NoticeDelivery = z.infer<typeof NoticeDelivery>;

export const TeardownState = z.object({
  notices: z.record(z.string(), NoticeDelivery).default({}),
  trackingIssue: z.number().int().positive().optional(),
  pullRequest: z.number().int().positive().optional(),
});
export type TeardownState = z.infer<typeof TeardownState>;

export type NoticeChannel = keyof NoticeDelivery;
