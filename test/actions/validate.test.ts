import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../actions/validate/main.ts';
import type { TempGitRepo } from '../github/temp-git-repo.ts';
import { runAction } from './run-action.ts';
import { BUSAN, workshopsRepo } from './temp-workshops-repo.ts';

const load = () => import('../../actions/validate/main.ts');
const deps: Deps = { now: new Date('2026-01-15T00:00:00Z') };

describe('actions/validate', () => {
  let repo: TempGitRepo;
  beforeEach(() => {
    repo = workshopsRepo();
  });
  afterEach(() => repo.dispose());

  it('passes the example cohorts and says so in the summary', async () => {
    const result = await runAction(load, {
      action: 'validate',
      inputs: { root: repo.root },
      deps,
    });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ errors: '0', warnings: '0' });
    expect(result.summary).toMatch(/Cohort validation passed: 3 files checked/);
  });

  it('annotates an error at its file, line and column, and fails', async () => {
    const file = path.join(repo.root, BUSAN);
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.startsWith('owner:')) + 1;
    lines[line - 1] = 'owner: not a login!';
    repo.write(BUSAN, lines.join('\n'));

    const result = await runAction(load, {
      action: 'validate',
      inputs: { root: repo.root },
      deps,
    });
    expect(result.failed).toBe(true);
    expect(result.outputs.errors).toBe('1');
    const annotation = result.commands.find((c) => c.startsWith('::error title=Cohort validation error'));
    expect(annotation).toContain(`file=${BUSAN},line=${line},col=8::`);
    expect(annotation).toMatch(/GitHub login/);
    expect(result.commands.at(-1)).toMatch(/^::error::1 error\(s\) in the cohort files/);
    expect(result.summary).toContain(`${BUSAN}:${line}:8`);
  });
});
