/** Thin wrapper: the loader does the checking (src/cohort/repository.ts), this reports to GitHub. */
import path from 'node:path';
import * as core from '@actions/core';
import { countBySeverity } from '../../src/cohort/problem.ts';
import { loadRepository } from '../../src/cohort/repository.ts';
import { errorMessage } from '../../src/github/event-payload.ts';
import { annotationOf, problemsSummary } from '../../src/github/problem-annotations.ts';

export interface Deps {
  readonly now?: Date;
}

export async function run(deps: Deps = {}): Promise<void> {
  try {
    const root = path.resolve(core.getInput('root') || '.');
    const loaded = await loadRepository(root, deps.now ? { now: deps.now } : {});
    for (const problem of loaded.problems) {
      const annotation = annotationOf(problem);
      if (annotation.level === 'error') core.error(annotation.message, annotation.properties);
      else core.warning(annotation.message, annotation.properties);
    }
    const counts = countBySeverity(loaded.problems);
    core.setOutput('errors', String(counts.error));
    core.setOutput('warnings', String(counts.warning));
    await core.summary.addRaw(problemsSummary(loaded.problems, loaded.checked.length)).write();
    if (counts.error > 0) {
      core.setFailed(`${counts.error} error(s) in the cohort files: see the annotations on the files`);
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
