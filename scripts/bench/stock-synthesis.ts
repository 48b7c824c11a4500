/**
 * Bench-only: the app's stacks synthesized the way cdktf does it out of the box — stack traces captured for every
 * token, the cross-stack preparation pass, cdktf's own two-pass token resolution — for the fully naive baseline.
 * The product never runs this (terraform-cdk/synth.ts).
 */
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { Settings } from '../../src/cohort/settings-schema.ts';
import { BootstrapStack } from '../../terraform-cdk/bootstrap-stack.ts';
import { App, TerraformStack } from '../../terraform-cdk/cdktf-classes.ts';
import { CohortStack } from '../../terraform-cdk/cohort-stack.ts';
import { IndependentStack } from '../../terraform-cdk/constructs/independent-stack.ts';

export interface StockInput {
  readonly settings: Settings;
  readonly cohorts: readonly ResolvedCohort[];
  readonly outDir: string;
  readonly cohortDir: string;
}

export function stockSynthesize(input: StockInput): { stacks: readonly unknown[] } {
  // Back to cdktf's own methods for this process: the app's stacks then synthesize as any cdktf stack does.
  Object.assign(IndependentStack.prototype, {
    prepareStack: TerraformStack.prototype.prepareStack,
    toTerraform: TerraformStack.prototype.toTerraform,
  });
  const app = new App({ outdir: input.outDir });
  const stacks = [new BootstrapStack(app, { settings: input.settings, cohorts: input.cohorts })];
  for (const cohort of input.cohorts) {
    stacks.push(new CohortStack(app, { settings: input.settings, cohort, cohortDir: input.cohortDir }));
  }
  app.synth();
  return { stacks };
}
