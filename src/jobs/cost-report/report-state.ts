/** What the cost report keeps per cohort between runs: the budget crossings already alerted. */
import { z } from 'zod';

export const costReportState = z.object({
  /** Alert keys active after the last run (`budget:<month>:<basis>:<percent>`). */
  alerted: z.array(z.string()),
});

export type CostReportState = z.infer<typeof costReportState>;
