/**
 * Org-wide settings (`workshops/_settings.yaml`): the AWS name prefix, Terraform state location and the roles
 * GitHub Actions assume. Later features add their own sections here.
 */
import { z } from 'zod';
import { CostAssumptionsOverride } from '../cost/assumptions.ts';
import { isCommercialRegion } from './regions.ts';

const RoleArn = z
  .string()
  .regex(
    /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    'must be an IAM role ARN (arn:aws:iam::123456789012:role/NAME)',
  );

export const Settings = z
  .strictObject({
    namePrefix: z
      .string()
      .min(3, 'must be at least 3 characters')
      .max(12, 'must be at most 12 characters')
      .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'must use a-z, 0-9 and -, start with a letter and end with a letter or digit')
      .describe('Prefixes every AWS name the cohorts create'),
    state: z.strictObject({
      bucket: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
        .describe('Bucket holding Terraform state and the operations state under ops/'),
      region: z.string().refine(isCommercialRegion, 'must be a commercial AWS region code'),
    }),
    github: z.strictObject({
      repository: z
        .string()
        .regex(/^[\w.-]+\/[\w.-]+$/, 'must be OWNER/REPO')
        .describe('This repository, trusted by the OIDC roles'),
      planRoleArn: RoleArn,
      applyRoleArn: RoleArn,
    }),
    costAssumptions: CostAssumptionsOverride.optional().describe(
      'Overrides of the usage assumptions behind cost estimates (queries per student per day, GB per query, ...)',
    ),
  })
  .superRefine(
    (settings, ctx) => {
      // Runs even when other fields failed (so every problem shows in one run): the values may be raw.
      const github: unknown = settings.github;
      if (typeof github !== 'object' || github === null) return;
      const { planRoleArn, applyRoleArn } = github as Record<string, unknown>;
      if (typeof planRoleArn !== 'string' || typeof applyRoleArn !== 'string') return;
      const account = (arn: string) => arn.split(':')[4];
      if (account(planRoleArn) !== account(applyRoleArn)) {
        ctx.addIssue({
          code: 'custom',
          path: ['github', 'applyRoleArn'],
          message: 'must be in the same AWS account as planRoleArn',
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

export type Settings = z.infer<typeof Settings>;

/** The account every cohort is deployed to: the one that holds the plan role. */
export function accountIdOf(settings: Settings): string {
  return settings.github.planRoleArn.split(':')[4] ?? '';
}
export type SettingsInput = z.input<typeof Settings>;
