/**
 * Every `workshop` subcommand, in the order `workshop --help` lists them. A command's module (and with it the AWS
 * SDK, cdktf or Octokit) is loaded only when that command runs: loading all sixteen took 0.65 s of every start.
 */
import type { Command } from '../cli/command.ts';

export interface CommandEntry {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'Check cohort files and settings; every problem at its line',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  {
    name: 'plan',
    summary: 'Validate, synthesize, check, estimate and render the review comment (offline)',
    load: async () => (await import('./plan.ts')).planCommand,
  },
  {
    name: 'synth',
    summary: 'Synthesize Terraform JSON per cohort and run the guardrails',
    load: async () => (await import('./synth.ts')).synthCommand,
  },
  {
    name: 'schema',
    summary: 'Print the JSON schema of cohort files',
    load: async () => (await import('./schema.ts')).schemaCommand,
  },
  {
    name: 'render-plan',
    summary: "Render `terraform show -json` plan files as the review comment's plan part",
    load: async () => (await import('./render-plan.ts')).renderPlanCommand,
  },
  {
    name: 'cost-report',
    summary: "Each cohort's spend this month against its budget, and where the money goes",
    load: async () => (await import('./cost-report.ts')).costReportCommand,
  },
  {
    name: 'prices',
    summary: "Refresh the cost estimate's price table from the AWS Price List API",
    load: async () => (await import('./prices.ts')).pricesCommand,
  },
  {
    name: 'onboard',
    summary: 'Give students without a console password one, and email it; tell instructors how to sign in',
    load: async () => (await import('./onboard.ts')).onboardCommand,
  },
  {
    name: 'crawl',
    summary: 'Run the crawlers of cohorts in session and check the catalog against the declared columns',
    load: async () => (await import('./crawl.ts')).crawlCommand,
  },
  {
    name: 'preflight',
    summary: 'Check the AWS account before an apply: Lake Formation, SES, quotas, bootstrap (read-only)',
    load: async () => (await import('./preflight.ts')).preflightCommand,
  },
  {
    name: 'dr-audit',
    summary: 'Audit the cross-region replication (DR) of every cohort with a backup region',
    load: async () => (await import('./dr-audit.ts')).drAuditCommand,
  },
  {
    name: 'dr-drill',
    summary: 'DR drill: time a canary object from raw to its replica, then remove it',
    load: async () => (await import('./dr-drill.ts')).drDrillCommand,
  },
  {
    name: 'restore',
    summary: 'Restore the objects under a prefix to their state at a point in time (versions; never deletes)',
    load: async () => (await import('./restore.ts')).restoreCommand,
  },
  {
    name: 'failover',
    summary: 'Open the pull request that fails a cohort over to its backup region (--back: the return)',
    load: async () => (await import('./failover.ts')).failoverCommand,
  },
  {
    name: 'drift',
    summary: "Report each cohort's changes made outside Terraform and keep its Drift issue up to date",
    load: async () => (await import('./drift.ts')).driftCommand,
  },
  {
    name: 'teardown',
    summary: 'End of a cohort: status and reminders, the teardown pull request, destroy preparation, leftovers',
    load: async () => (await import('./teardown.ts')).teardownCommand,
  },
];
