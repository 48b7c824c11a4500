import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { isFailedPlan } from '../../src/plan/plan-status.ts';
import { PlanFormatError, parsePlanText } from '../../src/plan/read-plan.ts';
import type { Seal } from '../../src/plan/sensitive-seal.ts';
import { inlineCode } from '../../src/render/markdown-escape.ts';
import { renderPlanDetails } from '../../src/render/plan-details.ts';
import type { Command } from '../cli/command.ts';
import { EXIT, UsageError } from '../cli/command.ts';
import { digestSeal } from '../cli/digest-seal.ts';

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

async function renderFile(
  file: string,
  cwd: string,
  seal: Seal | undefined,
): Promise<{ markdown: string; failed: boolean } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    return { problem: readProblem(error) };
  }
  try {
    const plan = parsePlanText(text, { seal });
    const label = basename(file).replace(/\.json$/i, '');
    return {
      markdown: `${renderPlanDetails(label, plan)}\n\n<sub>plan digest ${inlineCode(planDigest(plan))}</sub>`,
      failed: isFailedPlan(plan),
    };
  } catch (error) {
    if (error instanceof PlanFormatError) return { problem: error.message };
    throw error;
  }
}

export const renderPlanCommand: Command = {
  name: 'render-plan',
  help: `Usage: workshop render-plan FILE...

Renders the plan part of the review comment (Terraform's "Plan: …" line, destructive-change warnings, changes
grouped by action, changes made outside Terraform, moved and imported resources, a failed plan's diagnostics)
for each FILE, a JSON plan written by:

  terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > FILE

Any provider and any plan format_version from 0.1 to 1.x is read. Each plan is titled with its file name
without ".json" and ends with its digest (what the apply workflow compares). Sensitive values are never shown;
with WORKSHOP_PLAN_DIGEST_KEY set (the key the apply workflow uses) the digest covers them through an HMAC.

Markdown goes to stdout. A file that is missing, not JSON or not a plan is reported on stderr in one line;
the other files are still rendered.

Exit status: 0 every plan rendered and none failed; 1 a plan failed (Terraform stopped with an error, which the
rendering shows as "Plan failed") or a file could not be read as a plan; 2 usage error.`,
  options: {},
  positionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) {
      throw new UsageError('expected at least one FILE (the output of `terraform show -json PLANFILE`)');
    }
    const seal = digestSeal(io.env);
    let exit: number = EXIT.ok;
    const rendered: string[] = [];
    for (const file of args.positionals) {
      const result = await renderFile(file, io.cwd, seal);
      if ('problem' in result) {
        io.stderr.write(`workshop render-plan: ${file}: ${result.problem}\n`);
        exit = EXIT.problems;
      } else {
        rendered.push(result.markdown);
        // As `workshop plan` on the same file: a failed plan is a failed cohort, whatever else rendered.
        if (result.failed) exit = EXIT.problems;
      }
    }
    if (rendered.length > 0) io.stdout.write(`${rendered.join('\n\n---\n\n')}\n`);
    return exit;
  },
};
