/** Every `workshop` subcommand, in the order `workshop --help` lists them. */
import type { Command } from '../cli/command.ts';
import { costReportCommand } from './cost-report.ts';
import { crawlCommand } from './crawl.ts';
import { onboardCommand } from './onboard.ts';
import { planCommand } from './plan.ts';
import { preflightCommand } from './preflight.ts';
import { renderPlanCommand } from './render-plan.ts';
import { schemaCommand } from './schema.ts';
import { synthCommand } from './synth.ts';
import { validateCommand } from './validate.ts';

export const commands: readonly Command[] = [
  validateCommand,
  planCommand,
  synthCommand,
  schemaCommand,
  renderPlanCommand,
  costReportCommand,
  onboardCommand,
  crawlCommand,
  preflightCommand,
];
