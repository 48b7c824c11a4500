/** Every `workshop` subcommand, in the order `workshop --help` lists them. */
import type { Command } from '../cli/command.ts';
import { costReportCommand } from './cost-report.ts';
import { crawlCommand } from './crawl.ts';
import { drAuditCommand } from './dr-audit.ts';
import { drDrillCommand } from './dr-drill.ts';
import { driftCommand } from './drift.ts';
import { failoverCommand } from './failover.ts';
import { onboardCommand } from './onboard.ts';
import { planCommand } from './plan.ts';
import { preflightCommand } from './preflight.ts';
import { pricesCommand } from './prices.ts';
import { renderPlanCommand } from './render-plan.ts';
import { restoreCommand } from './restore.ts';
import { schemaCommand } from './schema.ts';
import { synthCommand } from './synth.ts';
import { teardownCommand } from './teardown.ts';
import { validateCommand } from './validate.ts';

export const commands: readonly Command[] = [
  validateCommand,
  planCommand,
  synthCommand,
  schemaCommand,
  renderPlanCommand,
  costReportCommand,
  pricesCommand,
  onboardCommand,
  crawlCommand,
  preflightCommand,
  drAuditCommand,
  drDrillCommand,
  restoreCommand,
  failoverCommand,
  driftCommand,
  teardownCommand,
];
