/** Thin wrapper over src/github/restore-deleted.ts. */
import * as core from '@actions/core';
import { errorMessage } from '../../src/github/event-payload.ts';
import { type Git, gitIn } from '../../src/github/git.ts';
import { restoreDeleted } from '../../src/github/restore-deleted.ts';

export interface Deps {
  readonly git?: Git;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const base = core.getInput('base', { required: true }).trim();
    const head = core.getInput('head', { required: true }).trim();
    const result = await restoreDeleted(deps.git ?? gitIn(root), root, base, head);
    for (const file of result.restored) core.info(`restored ${file} from ${base}`);
    for (const file of result.kept) core.warning(`${file} already exists in the checkout: kept as it is`);
    core.setOutput('restored', JSON.stringify(result.restored));
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
