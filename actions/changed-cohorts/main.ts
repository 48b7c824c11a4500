/** Thin wrapper over src/github/changed-targets.ts: reads the inputs, loads the repository, sets the outputs. */
import * as core from '@actions/core';
import { loadRepository } from '../../src/cohort/repository.ts';
import {
  changedTargets,
  dispatchedTarget,
  matrixTargets,
  repositoryCohorts,
  targetsSummary,
} from '../../src/github/changed-targets.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { type Git, gitIn } from '../../src/github/git.ts';

export interface Deps {
  readonly git?: Git;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = process.cwd();
    const cohort = core.getInput('cohort').trim();
    const loaded = await loadRepository(root);
    const repository = repositoryCohorts(loaded);
    const result =
      cohort === ''
        ? await changedTargets(
            deps.git ?? gitIn(root),
            core.getInput('base', { required: true }).trim(),
            core.getInput('head', { required: true }).trim(),
            repository,
          )
        : dispatchedTarget(cohort, repository);

    const targets = matrixTargets(result);
    core.setOutput('targets', JSON.stringify(targets));
    core.setOutput('any', String(targets.length > 0));
    core.setOutput('everything', result.everything ?? '');
    const { settings } = loaded;
    if (settings === undefined && targets.length > 0) {
      throw new Error('workshops/_settings.yaml is missing or invalid: run `npx workshop validate` and fix it');
    }
    core.setOutput('plan-role-arn', settings?.github.planRoleArn ?? '');
    core.setOutput('apply-role-arn', settings?.github.applyRoleArn ?? '');
    core.setOutput('state-region', settings?.state.region ?? '');
    for (const target of result.targets) core.info(`${target.action} ${target.id}: ${target.reason}`);
    await core.summary.addRaw(targetsSummary(result)).write();
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
