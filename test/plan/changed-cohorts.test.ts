import { describe, expect, it } from 'vitest';
import { type ChangedFile, changedCohorts, type RepositoryCohorts } from '../../src/plan/changed-cohorts.ts';

const ids = Array.from({ length: 50 }, (_, i) => `cohort-${String(i + 1).padStart(2, '0')}`);
const repository: RepositoryCohorts = {
  ids,
  references: { 'cohort-07': ['workshops/rosters/seven.csv', 'workshops/assets/etl/job.py'] },
};
const actions = (files: ChangedFile[], repo = repository) =>
  changedCohorts(files, repo).targets.map((t) => `${t.action}:${t.id}`);

describe('changedCohorts', () => {
  it('plans only the one cohort whose file a pull request touches, among 50', () => {
    expect(actions([{ path: 'workshops/cohort-12.yaml', status: 'modified' }])).toEqual(['plan:cohort-12']);
  });

  it('plans every cohort when the CDKTF app, the core, the settings or the lockfile change', () => {
    for (const path of [
      'terraform-cdk/constructs/storage.ts',
      'src/cohort/names.ts',
      'workshops/_settings.yaml',
      'package-lock.json',
    ]) {
      const result = changedCohorts([{ path, status: 'modified' }], repository);
      expect(result.targets).toHaveLength(50);
      expect(result.everything).toBe(path);
    }
  });

  it('plans the destroy of a removed cohort', () => {
    const { ids: _, ...rest } = repository;
    const after = { ...rest, ids: ids.filter((id) => id !== 'cohort-03') };
    expect(actions([{ path: 'workshops/cohort-03.yaml', status: 'removed' }], after)).toEqual(['destroy:cohort-03']);
  });

  it('turns a rename into the destroy of the old id and the create of the new one', () => {
    const after = { ...repository, ids: [...ids.filter((id) => id !== 'cohort-04'), 'cohort-04b'] };
    const files: ChangedFile[] = [
      { path: 'workshops/cohort-04b.yaml', previousPath: 'workshops/cohort-04.yaml', status: 'renamed' },
    ];
    expect(actions(files, after)).toEqual(['destroy:cohort-04', 'plan:cohort-04b']);
  });

  it('plans a cohort whose roster or script changed', () => {
    expect(actions([{ path: 'workshops/rosters/seven.csv', status: 'modified' }])).toEqual(['plan:cohort-07']);
  });

  it('ignores documentation, the generated schema and other workflows', () => {
    const files: ChangedFile[] = [
      { path: 'README.md', status: 'modified' },
      { path: 'workshops/cohort.schema.json', status: 'modified' },
      { path: '.github/workflows/ci.yml', status: 'modified' },
    ];
    expect(actions(files)).toEqual([]);
  });

  it('never destroys a cohort whose file still exists (a removed file re-added elsewhere)', () => {
    expect(actions([{ path: 'workshops/cohort-05.yaml', status: 'removed' }])).toEqual([]);
  });
});
