import { describe, expect, it } from 'vitest';
import { at, cohortYaml, expectProblem, listProblems, validateCohort } from './temp-repo.ts';

const withDataset = (name: string) =>
  `${cohortYaml()}datasets:\n  - name: ${name}\n    source: data/trips.csv\n    format: csv\n`;
const files = { 'workshops/data/trips.csv': 'a,b\n1,2\n' };

describe("a dataset named like a student's own tables", () => {
  it('is an error at the dataset name: the student could drop the crawler table', async () => {
    const text = withDataset('s01_trips');
    const repo = await validateCohort(text, files);
    expectProblem(repo.problems, 'workshops/test-cohort.yaml', at(text, 'name: s01_trips', 's01_trips'), 'student s01');
  });

  it.each(['trips', 's03_trips', 's0_trips', 'trips_s01'])('%s is fine (no student owns its prefix)', async (name) => {
    const repo = await validateCohort(withDataset(name), files);
    expect(listProblems(repo.problems)).toEqual([]);
  });
});
