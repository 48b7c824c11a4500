/** The onboarding job's ops state: which instructors were told (they have no password to check) and open alerts. */
import { z } from 'zod';

export const OnboardState = z.object({
  /** Lowercased addresses of the instructors already sent their switch-role email. */
  instructorsNotified: z.array(z.string()).default([]),
  /** Ids of the students whose password email SES accepted: a password without this record was never confirmed sent. */
  studentsEmailed: z.array(z.string()).default([]),
  activeAlerts: z.array(z.string()).default([]),
});
export type OnboardState = z.infer<typeof OnboardState>;
