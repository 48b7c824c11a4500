/**
 * Org-wide settings (`workshops/_settings.yaml`): the AWS name prefix, Terraform state location and the roles
 * GitHub Actions assume. Later features add their own sections here.
 */
import { z } from 'zod';
import { CostAssumptionsOverride } from '../cost/assumptions.ts';
import { isCommercialRegion } from './regions.ts';

/** How the account's Glue Data Catalog is governed (pitfall 1); `workshop preflight` checks the account agrees. */
export const LAKE_FORMATION_MODES = ['iam-only', 'managed'] as const;
export type LakeFormationMode = (typeof LAKE_FORMATION_MODES)[number];

/**
 * Account and region limits every cohort of the repository shares (pitfall 13), as AWS documents them by default.
 * `workshop validate` adds the cohorts up against them; raise one here only after AWS raised the quota.
 */
export const DEFAULT_QUOTAS = {
  iamUsersPerAccount: 5_000,
  iamGroupsPerAccount: 300,
  athenaWorkgroupsPerRegion: 1_000,
  glueJobsPerRegion: 1_000,
} as const;

const quota = (description: string, fallback: number, max: number) =>
  z.int().min(1).max(max).default(fallback).describe(description);

const Quotas = z.strictObject({
  // 5,000 is a hard IAM limit: it cannot be raised.
  iamUsersPerAccount: quota('IAM users per account (not adjustable)', DEFAULT_QUOTAS.iamUsersPerAccount, 5_000),
  iamGroupsPerAccount: quota('IAM groups per account (adjustable to 500)', DEFAULT_QUOTAS.iamGroupsPerAccount, 500),
  athenaWorkgroupsPerRegion: quota(
    'Athena workgroups per account and region',
    DEFAULT_QUOTAS.athenaWorkgroupsPerRegion,
    100_000,
  ),
  glueJobsPerRegion: quota('Glue jobs per account and region', DEFAULT_QUOTAS.glueJobsPerRegion, 100_000),
});
export type Quotas = z.infer<typeof Quotas>;

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
    lakeFormation: z
      .enum(LAKE_FORMATION_MODES)
      .default('iam-only')
      .describe(
        'iam-only: the account keeps IAM-only catalog access (the AWS default); managed: Lake Formation governs the catalog, and the stacks grant Lake Formation permissions (the apply role must be a data-lake admin)',
      ),
    quotas: Quotas.prefault({}).describe('Shared account limits, when AWS raised one for this account'),
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
