/** Thin wrapper over src/github/redact-plan-json.ts. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { errorMessage } from '../../src/github/event-payload.ts';
import { readInputFile } from '../../src/github/input-file.ts';
import { redactPlanJson } from '../../src/github/redact-plan-json.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { sensitiveSeal } from '../../src/plan/sensitive-seal.ts';

export async function run(): Promise<void> {
  try {
    const input = core.getInput('plan-json', { required: true });
    const output = core.getInput('output', { required: true });
    const text = await readInputFile(input, 'write it with `terraform show -json PLANFILE` first');
    let plan: unknown;
    try {
      plan = JSON.parse(text);
    } catch {
      // Not the parser's message: newer ones quote the text around the error, which may be a secret.
      throw new Error(`${input} is not JSON; expected the output of \`terraform show -json PLANFILE\``);
    }
    // Refuses anything that is not a plan (its messages quote no value), so no file is uploaded as one by mistake.
    parsePlan(plan);
    await mkdir(path.dirname(output), { recursive: true });
    const digestKey = core.getInput('digest-key');
    if (digestKey !== '') core.setSecret(digestKey);
    const seal = digestKey === '' ? undefined : sensitiveSeal(digestKey);
    await writeFile(output, `${JSON.stringify(redactPlanJson(plan, { seal }))}\n`);
    core.info(`wrote ${output} without sensitive values${seal ? ' (sealed for the plan digest)' : ''}`);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
