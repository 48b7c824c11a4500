import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitIn } from '../../../src/github/git.ts';
import { restoreRemovedCohort } from '../../../src/jobs/teardown/restore-removed.ts';
import {
  assertRemovedFromMain,
  carriesBothTags,
  cohortIdProblem,
  RefusalError,
} from '../../../src/jobs/teardown/safety.ts';
import { runCli } from '../../cli/run-cli.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { TempGitRepo } from '../../github/temp-git-repo.ts';

let repo: TempGitRepo | undefined;
afterEach(() => repo?.dispose());

function repository(): TempGitRepo {
  repo = new TempGitRepo();
  repo.write('workshops/seoul.yaml', cohortYaml('seoul'));
  repo.write('workshops/seoul.csv', 'id,name,email\n');
  repo.write('workshops/busan.yaml', cohortYaml('busan'));
  repo.commit('cohorts');
  return repo;
}

describe('is the cohort file still on main?', () => {
  it('refuses while main has the file, and allows once the removal is merged, whatever the working tree holds', async () => {
    const r = repository();
    const git = gitIn(r.root);
    await expect(assertRemovedFromMain(git, 'seoul')).rejects.toThrow(RefusalError);
    r.remove('workshops/seoul.yaml');
    r.commit('teardown seoul');
    // The apply workflow restores the removed file to synthesize it: a working-tree file does not count.
    r.write('workshops/seoul.yaml', cohortYaml('seoul'));
    await expect(assertRemovedFromMain(git, 'seoul')).resolves.toBeUndefined();
    await expect(assertRemovedFromMain(git, 'busan')).rejects.toThrow('workshops/busan.yaml is still on main');
  });

  it('refuses on a branch whose main still has the file, even if the branch removed it', async () => {
    const r = repository();
    r.git('checkout', '-q', '-b', 'teardown/seoul');
    r.remove('workshops/seoul.yaml');
    r.commit('teardown seoul');
    await expect(assertRemovedFromMain(gitIn(r.root), 'seoul')).rejects.toThrow(
      /still on main \(commit [0-9a-f]{12}\)/,
    );
  });

  it('refuses when the checkout has no main branch to compare with', async () => {
    const r = repository();
    r.git('branch', '-m', 'main', 'other');
    await expect(assertRemovedFromMain(gitIn(r.root), 'seoul')).rejects.toThrow('this checkout has no main branch');
  });
});

describe('cohort ids and tags', () => {
  it.each([
    [undefined, 'a cohort id is required'],
    ['  ', 'a cohort id is required'],
    ['*', 'wildcard'],
    ['seoul-*', 'wildcard'],
    ['se[o]ul', 'wildcard'],
    ['seoul busan', 'spaces'],
    ['Seoul', 'is not a cohort id'],
    ['../seoul', 'is not a cohort id'],
  ])('%j is refused (%s)', (id, problem) => {
    expect(cohortIdProblem(id)).toContain(problem);
  });

  it('accepts one exact id', () => {
    expect(cohortIdProblem('seoul-2026')).toBeUndefined();
  });

  it('requires both tags, with this cohort’s id', () => {
    expect(carriesBothTags({ 'managed-by': 'workshop-gitops', 'workshop:cohort': 'seoul' }, 'seoul')).toBe(true);
    expect(carriesBothTags({ 'managed-by': 'workshop-gitops', 'workshop:cohort': 'busan' }, 'seoul')).toBe(false);
    expect(carriesBothTags({ 'workshop:cohort': 'seoul' }, 'seoul')).toBe(false);
    expect(carriesBothTags({ 'managed-by': 'workshop-gitops' }, 'seoul')).toBe(false);
    expect(carriesBothTags(undefined, 'seoul')).toBe(false);
  });
});

describe('restoreRemovedCohort', () => {
  it('puts back what the removing commit deleted under workshops/, as it was', async () => {
    const r = repository();
    const before = readFileSync(path.join(r.root, 'workshops/seoul.yaml'), 'utf8');
    r.remove('workshops/seoul.yaml');
    r.remove('workshops/seoul.csv');
    r.commit('teardown seoul');
    r.write('README.md', 'later');
    r.commit('later');
    const result = await restoreRemovedCohort(gitIn(r.root), r.root, 'seoul');
    expect(result.restored).toEqual(['workshops/seoul.csv', 'workshops/seoul.yaml']);
    expect(readFileSync(path.join(r.root, 'workshops/seoul.yaml'), 'utf8')).toBe(before);
  });

  it('keeps a file that is there, and explains a cohort that was never removed', async () => {
    const r = repository();
    writeFileSync(path.join(r.root, 'workshops/seoul.yaml'), 'edited');
    expect(await restoreRemovedCohort(gitIn(r.root), r.root, 'seoul')).toEqual({
      restored: [],
      kept: ['workshops/seoul.yaml'],
    });
    await expect(restoreRemovedCohort(gitIn(r.root), r.root, 'daegu')).rejects.toThrow(
      "workshops/daegu.yaml was never removed in this branch's history",
    );
  });
});

describe('workshop teardown refusals', () => {
  it.each([
    [['--destroy-prep'], 'a cohort id is required'],
    [['--destroy-prep', '--cohort', '*'], '"*" contains wildcard characters'],
    [['--leftovers', '--sweep', '--cohort', 'seoul busan'], '"seoul busan" contains spaces'],
    [['--sweep', '--cohort', 'seoul'], '--sweep only goes with --leftovers'],
    [['--destroy-prep', '--leftovers', '--cohort', 'seoul'], 'separate steps'],
  ])('%j exits 2 before touching AWS', async (args, message) => {
    const root = await makeRepo({ 'workshops/seoul.yaml': cohortYaml('seoul') });
    const result = await runCli(['teardown', ...args], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
