import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedCohort } from '../../src/cohort/repository.ts';
import {
  changedTargets,
  dispatchedTarget,
  matrixTargets,
  repositoryCohorts,
  TargetError,
  targetsSummary,
} from '../../src/github/changed-targets.ts';
import { gitIn } from '../../src/github/git.ts';
import type { RepositoryCohorts } from '../../src/plan/changed-cohorts.ts';
import { TempGitRepo } from './temp-git-repo.ts';

const cohortText = (id: string) =>
  `id: ${id}\ntitle: A cohort long enough that git sees a renamed copy as the same file\nowner: someone\n`;

describe('repositoryCohorts', () => {
  it('takes ids from the cohort files checked and references relative to each file', () => {
    const cohort = {
      id: 'seoul',
      roster: 'rosters/seoul.csv',
      datasets: [{ source: 'assets/trips.csv' }],
      etl: [{ script: '../scripts/clean.py' }],
    } as unknown as LoadedCohort['cohort'];
    const result = repositoryCohorts({
      checked: ['workshops/_settings.yaml', 'workshops/seoul.yaml', 'workshops/busan.yaml', 'workshops/old.yml'],
      cohorts: [{ file: 'workshops/seoul.yaml', cohort }],
    });
    expect(result).toEqual({
      ids: ['seoul', 'busan'],
      references: { seoul: ['workshops/rosters/seoul.csv', 'workshops/assets/trips.csv', 'scripts/clean.py'] },
    });
  });
});

describe('changedTargets', () => {
  let repo: TempGitRepo;
  beforeEach(() => {
    repo = new TempGitRepo();
  });
  afterEach(() => repo.dispose());

  const ids = Array.from({ length: 50 }, (_, i) => `cohort-${String(i + 1).padStart(2, '0')}`);
  const withIds = (list: string[]): RepositoryCohorts => ({ ids: list, references: {} });

  function fiftyCohorts(): string {
    for (const id of ids) repo.write(`workshops/${id}.yaml`, cohortText(id));
    repo.write('terraform-cdk/app.ts', 'app\n');
    return repo.commit('base');
  }

  it('plans the one cohort of 50 a change touches', async () => {
    const base = fiftyCohorts();
    repo.write('workshops/cohort-17.yaml', `${cohortText('cohort-17')}extra: 1\n`);
    const head = repo.commit();
    const result = await changedTargets(gitIn(repo.root), base, head, withIds(ids));
    expect(matrixTargets(result)).toEqual([{ id: 'cohort-17', action: 'plan' }]);
  });

  it('plans every cohort when terraform-cdk/ changes', async () => {
    const base = fiftyCohorts();
    repo.write('terraform-cdk/app.ts', 'app v2\n');
    const head = repo.commit();
    const result = await changedTargets(gitIn(repo.root), base, head, withIds(ids));
    expect(result.targets.map((t) => t.id)).toEqual(ids);
    expect(result.everything).toBe('terraform-cdk/app.ts');
  });

  it('turns a rename into the destroy of the old id and the plan of the new one', async () => {
    const base = fiftyCohorts();
    repo.move('workshops/cohort-04.yaml', 'workshops/cohort-04b.yaml');
    repo.write('workshops/cohort-04b.yaml', cohortText('cohort-04b'));
    const head = repo.commit();
    const after = [...ids.filter((id) => id !== 'cohort-04'), 'cohort-04b'];
    const result = await changedTargets(gitIn(repo.root), base, head, withIds(after));
    expect(matrixTargets(result)).toEqual([
      { id: 'cohort-04', action: 'destroy' },
      { id: 'cohort-04b', action: 'plan' },
    ]);
  });

  it('plans every cohort when there is no previous commit (a new branch)', async () => {
    const head = fiftyCohorts();
    const result = await changedTargets(gitIn(repo.root), '0'.repeat(40), head, withIds(['b-one', 'a-one']));
    expect(matrixTargets(result)).toEqual([
      { id: 'a-one', action: 'plan' },
      { id: 'b-one', action: 'plan' },
    ]);
  });

  it('refuses a target whose file name is no cohort id: it would become a job, folder and artifact name', async () => {
    repo.write('workshops/Bad $(name).yaml', 'x\n');
    const base = repo.commit('base');
    repo.remove('workshops/Bad $(name).yaml');
    const head = repo.commit();
    await expect(changedTargets(gitIn(repo.root), base, head, withIds([]))).rejects.toThrow(TargetError);
  });
});

describe('dispatchedTarget', () => {
  const repository: RepositoryCohorts = { ids: ['seoul-2026'], references: {} };

  it('plans the named cohort', () => {
    expect(matrixTargets(dispatchedTarget('seoul-2026', repository))).toEqual([{ id: 'seoul-2026', action: 'plan' }]);
  });

  it.each([
    ['an unknown cohort', 'busan-2026', /no cohort file workshops\/busan-2026\.yaml/],
    ['an invalid id', '../etc', /not a cohort id/],
  ])('refuses %s', (_name, id, message) => {
    expect(() => dispatchedTarget(id, repository)).toThrow(message);
  });
});

describe('targetsSummary', () => {
  it('escapes the file names it quotes', () => {
    const text = targetsSummary({
      targets: [{ id: 'seoul', action: 'plan', reason: 'src/<img src=x>|@team.ts changed' }],
      everything: 'src/<img src=x>|@team.ts',
    });
    expect(text).not.toContain('<img');
    expect(text).not.toContain('@team');
    expect(text).toContain('\\|');
    expect(text).toContain('`seoul`');
  });
});
